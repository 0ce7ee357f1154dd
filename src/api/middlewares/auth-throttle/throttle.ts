import { createHash } from "node:crypto"
import { KNOWN_ADDRESS_SECONDS, type AuthThrottleLimits } from "../../../config/auth-throttle"
import type { AuthAction } from "./auth-route"
import type { ClientAddress } from "./client-address"
import type { Counter, CounterStore } from "./counter-store"

/**
 * One try at a secret: what it does (log in, register, ask for a reset email, set a password with a reset token),
 * the email it names if any, and where it comes from.
 */
export interface Attempt {
  action: AuthAction
  account?: string
  client: ClientAddress
}

export type Limit = "account and address" | "address" | "account"

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: Limit }

/** How an attempt that was let through ended: a wrong password, a login, or neither (a malformed request). */
export type Outcome = "failure" | "success" | "neither"

const PREFIX = "beauty:auth-throttle"

/** Keys hold hashes, never an email or an address in clear. */
const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 32)

/**
 * The counters each action is judged by. Logins and password updates count failures; registrations and reset
 * requests count every request (each costs a password hash or sends an email). Each action counts apart, so
 * reset requests anyone can send for an account never stop its owner logging in. An account is its email
 * alone: Medusa's emailpass provider keeps one password per email whatever the actor type in the path.
 */
const RULES: Record<AuthAction, { counts: "failures" | "every request"; namespace: string }> = {
  login: { counts: "failures", namespace: "login" },
  callback: { counts: "failures", namespace: "login" },
  update: { counts: "failures", namespace: "update" },
  reset: { counts: "every request", namespace: "reset" },
  register: { counts: "every request", namespace: "register" },
}

interface Keys {
  pair?: string
  address?: string
  account?: string
  known?: string
}

function keysOf({ action, account, client }: Attempt): Keys {
  const space = `${PREFIX}:${RULES[action].namespace}`
  const accountId = account === undefined ? undefined : digest(account.trim().toLowerCase())
  const addressId = digest(client.address)
  return {
    pair: accountId && `${space}:pair:${accountId}:${addressId}`,
    // Behind a storefront that names no shopper, the address is every customer's: counting it would let one
    // attacker lock everyone out (docs/security.md).
    address: client.shared ? undefined : `${space}:address:${addressId}`,
    account:
      accountId && (action === "login" || action === "callback" || action === "reset")
        ? `${space}:account:${accountId}`
        : undefined,
    known: accountId && !client.shared ? `${PREFIX}:known:${accountId}:${addressId}` : undefined,
  }
}

/**
 * The decisions of the login throttle (limits: src/config/auth-throttle.ts) on counters kept in a CounterStore.
 * An attempt is checked and counted in one step of the store, and counted as a failure from the moment it
 * arrives, so a burst of parallel guesses cannot slip past a limit; `settle` takes it back when it turns out not
 * to be one. A refused attempt is not counted anywhere.
 */
export class AuthThrottle {
  constructor(
    private readonly store: CounterStore,
    readonly limits: AuthThrottleLimits
  ) {}

  async begin(attempt: Attempt): Promise<Verdict> {
    const keys = keysOf(attempt)
    const counters: Array<Counter & { name: Limit }> = []
    if (keys.pair)
      counters.push({ key: keys.pair, limit: this.limits.perAccountAndAddress, name: "account and address" })
    if (keys.address) counters.push({ key: keys.address, limit: this.limits.perAddress, name: "address" })
    if (keys.account) {
      // An address the owner logged in from is never stopped by an attack on the account from elsewhere.
      const known = attempt.action !== "reset" && keys.known !== undefined && (await this.store.exists(keys.known))
      counters.push({ key: keys.account, limit: known ? Infinity : this.limits.perAccount, name: "account" })
    }
    if (!counters.length) return { allowed: true }
    const reservation = await this.store.reserve(counters, this.limits.windowSeconds)
    if (reservation.counted) return { allowed: true }
    return {
      allowed: false,
      retryAfterSeconds: reservation.retryAfterSeconds,
      limit: counters[reservation.refusedBy].name,
    }
  }

  /** After an attempt that was let through: a failure stays counted; anything else is taken back. */
  async settle(attempt: Attempt, outcome: Outcome): Promise<void> {
    if (outcome === "failure" || RULES[attempt.action].counts === "every request") return
    const keys = keysOf(attempt)
    await this.store.release([keys.address, keys.account].filter((key): key is string => key !== undefined))
    if (!keys.pair) return
    if (outcome === "success") {
      // This address's slate for the account is clean, and the address is known to it.
      await this.store.remove(keys.pair)
      if (keys.known) await this.store.mark(keys.known, KNOWN_ADDRESS_SECONDS)
    } else {
      await this.store.release([keys.pair])
    }
  }
}
