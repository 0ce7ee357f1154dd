import { createHash } from "node:crypto"
import { KNOWN_ADDRESS_SECONDS, type AuthThrottleSettings } from "../../config/auth-throttle"
import type { CounterStore } from "./counter-store"

/** Who is trying: the kind of account (user, customer), the email if the request names one, and the address. */
export interface Attempt {
  actor: string
  account?: string
  address: string
}

export type Verdict =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; limit: "account and address" | "address" | "account" }

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
 * on counters kept in a CounterStore.
 */
export class AuthThrottle {
  constructor(
    private readonly store: CounterStore,
    readonly settings: AuthThrottleSettings
  ) {}

  async check(attempt: Attempt): Promise<Verdict> {
    const keys = keysOf(attempt)
    const checks: Array<{ key: string; limit: number; name: Exclude<Verdict, { allowed: true }>["limit"] }> = [
      { key: keys.address, limit: this.settings.perAddress, name: "address" },
    ]
    if (keys.pair && keys.account && keys.known) {
      checks.unshift({ key: keys.pair, limit: this.settings.perAccountAndAddress, name: "account and address" })
      // An address the owner logged in from is never stopped by an attack on the account from elsewhere.
      if (!(await this.store.exists(keys.known))) {
        checks.push({ key: keys.account, limit: this.settings.perAccount, name: "account" })
      }
    }
    const counts = await this.store.read(checks.map((c) => c.key))
    const over = checks
      .map((check, i) => ({ ...check, ...counts[i] }))
      .filter((c) => c.count >= c.limit)
      .sort((a, b) => b.ttlSeconds - a.ttlSeconds)[0]
    if (!over) return { allowed: true }
    return { allowed: false, retryAfterSeconds: Math.max(1, over.ttlSeconds), limit: over.name }
  }

  /** A wrong password, or a password-reset request. */
  async recordFailure(attempt: Attempt): Promise<void> {
    const keys = keysOf(attempt)
    const counted = [keys.address, keys.pair, keys.account].filter((key): key is string => Boolean(key))
    await this.store.increment(counted, this.settings.windowSeconds)
  }

  /** A correct password: this address's slate for the account is clean, and it is known to the account. */
  async recordSuccess(attempt: Attempt): Promise<void> {
    const keys = keysOf(attempt)
    if (!keys.pair || !keys.known) return
    await this.store.remove(keys.pair)
    await this.store.mark(keys.known, KNOWN_ADDRESS_SECONDS)
  }
}
