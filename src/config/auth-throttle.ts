import type { Env } from "./env"
import {
  storefrontAddressEntries,
  storefrontSecret,
  storefrontTrustSummary,
  type StorefrontTrustSettings,
} from "./storefront"

/**
 * How fast anyone may try a password (src/api/middlewares/auth-throttle; the model: docs/security.md). Medusa 2.21 limits
 * nothing. Attempts are counted in three ways within a window:
 *
 * - per account and address: someone at one address guessing one account's password is stopped after a
 *   handful of tries;
 * - per address: one address trying many accounts (credential stuffing);
 * - per account: many addresses guessing one account. This one never stops an address that logged in to that
 *   account successfully in the last 30 days, so an attacker cannot lock the owner out.
 *
 * Logins count failures; registrations and password-reset requests count every request (each costs a password
 * hash or sends an email), each apart from the logins. The defaults let a customer who mistypes a few times
 * through and stop a script within seconds.
 */
export const DEFAULT_AUTH_THROTTLE = {
  perAccountAndAddress: 5,
  perAddress: 20,
  perAccount: 50,
  windowSeconds: 15 * 60,
} as const

/** How long a successful login exempts its address from the account-wide limit. */
export const KNOWN_ADDRESS_SECONDS = 30 * 24 * 3600

/**
 * The actor types and auth providers this shop has: Medusa's staff users and customers, with Medusa's default
 * Auth Module provider, email and password. Anything else in an /auth path is answered 404 before Medusa tries to
 * resolve it. A shop that adds a provider (Google, say) configures it in the Auth Module and adds it here.
 */
export const AUTH_ACTORS = ["user", "customer"] as const
export const AUTH_PROVIDERS = ["emailpass"] as const

export interface AuthThrottleLimits {
  perAccountAndAddress: number
  perAddress: number
  perAccount: number
  windowSeconds: number
}

export interface AuthThrottleSettings extends StorefrontTrustSettings {
  limits: AuthThrottleLimits
}

export function authThrottleSettings(
  env: Pick<
    Env,
    | "AUTH_THROTTLE_PER_ACCOUNT_AND_ADDRESS"
    | "AUTH_THROTTLE_PER_ADDRESS"
    | "AUTH_THROTTLE_PER_ACCOUNT"
    | "AUTH_THROTTLE_WINDOW_SECONDS"
    | "STOREFRONT_SECRET"
    | "STOREFRONT_ADDRESSES"
  >
): AuthThrottleSettings {
  return {
    limits: {
      perAccountAndAddress: env.AUTH_THROTTLE_PER_ACCOUNT_AND_ADDRESS ?? DEFAULT_AUTH_THROTTLE.perAccountAndAddress,
      perAddress: env.AUTH_THROTTLE_PER_ADDRESS ?? DEFAULT_AUTH_THROTTLE.perAddress,
      perAccount: env.AUTH_THROTTLE_PER_ACCOUNT ?? DEFAULT_AUTH_THROTTLE.perAccount,
      windowSeconds: env.AUTH_THROTTLE_WINDOW_SECONDS ?? DEFAULT_AUTH_THROTTLE.windowSeconds,
    },
    storefrontSecret: storefrontSecret(env.STOREFRONT_SECRET),
    storefrontAddresses: storefrontAddressEntries(env.STOREFRONT_ADDRESSES),
  }
}

/** The operator's lines for the server's log: the limits, and whom the throttle believes about addresses. */
export function authThrottleSummary(settings: AuthThrottleSettings, shared: boolean): string[] {
  const { limits } = settings
  const minutes = Math.round(limits.windowSeconds / 60)
  return [
    `login throttle: ${limits.perAccountAndAddress} failures per account and address, ${limits.perAddress} per address, ${limits.perAccount} per account in ${minutes} min; counted ${shared ? "in Redis, across replicas" : "in this process only (no REDIS_URL)"}`,
    storefrontTrustSummary(settings),
  ]
}
