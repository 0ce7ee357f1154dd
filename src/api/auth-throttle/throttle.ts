import { createHash } from "node:crypto"
import { KNOWN_ADDRESS_SECONDS, type AuthThrottleSettings } from "../../config/auth-throttle"
import type { CounterStore } from "./counter-store"

/** Who is trying: the kind of account (user, customer), the email if the request names one, and the address. */
export interface Attempt {
  actor: string
  account?: string
  address: string
}

export type Limit = "account and address" | "address" | "account"

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: Limit }

/** How an attempt that was let through ended: a wrong password (or a reset request), a login, or neither. */
export type Outcome = "failure" | "success" | "neither"

const PREFIX = "beauty:auth-throttle"

/** Keys hold hashes, never an email or an address in clear. */
const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 32)

function keysOf({ actor, account, address }: Attempt) {
  const accountId = account === undefined ? undefined : digest(`${actor}:${account.trim().toLowerCase()}`)
  const addressId = digest(address)
  return {
    address: `${PREFIX}:address:${addressId}`,
    pair: accountId && `${PREFIX}:pair:${accountId}:${addressId}`,
    account: accountId && `${PREFIX}:account:${accountId}`,
    known: accountId && `${PREFIX}:known:${accountId}:${addressId}`,
  }
}

/**
 * The decisions of the login throttle (limits: src/config/auth-throttle.ts),
 * on counters kept in a CounterStore. Every attempt is counted as a failure
 * when it arrives, atomically with reading the count, so a burst of parallel
 * guesses cannot slip past the limit; `settle` takes it back when the attempt
 * turns out not to be one.
 */
export class AuthThrottle {
  constructor(
    private readonly store: CounterStore,
    readonly settings: AuthThrottleSettings
  ) {}

  async begin(attempt: Attempt): Promise<Verdict> {
    const keys = keysOf(attempt)
    const counted: Array<{ key: string; limit: number; name: Limit }> = [
      { key: keys.address, limit: this.settings.perAddress, name: "address" },
    ]
    if (keys.pair && keys.account && keys.known) {
      // An address the owner logged in from is never stopped by an attack on the account from elsewhere.
      const known = await this.store.exists(keys.known)
      counted.push(
        { key: keys.pair, limit: this.settings.perAccountAndAddress, name: "account and address" },
        { key: keys.account, limit: known ? Infinity : this.settings.perAccount, name: "account" }
      )
    }
    const counts = await this.store.increment(
      counted.map((c) => c.key),
      this.settings.windowSeconds
    )
    const over = counted
      .map((c, i) => ({ ...c, ...counts[i] }))
      .filter((c) => c.count > c.limit)
      .sort((a, b) => b.ttlSeconds - a.ttlSeconds)[0]
    if (!over) return { allowed: true }
    return { allowed: false, retryAfterSeconds: Math.max(1, over.ttlSeconds), limit: over.name }
  }

  /** After an attempt that was let through: a failure stays counted; anything else is taken back. */
  async settle(attempt: Attempt, outcome: Outcome): Promise<void> {
    if (outcome === "failure") return
    const keys = keysOf(attempt)
    await this.store.decrement([keys.address, keys.account].filter((key): key is string => Boolean(key)))
    if (!keys.pair || !keys.known) return
    if (outcome === "success") {
      // This address's slate for the account is clean, and the address is known to it.
      await this.store.remove(keys.pair)
      await this.store.mark(keys.known, KNOWN_ADDRESS_SECONDS)
    } else {
      await this.store.decrement([keys.pair])
    }
  }
}
