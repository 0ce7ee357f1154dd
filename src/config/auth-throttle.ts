import type { Env } from "./env"

/**
 * How fast anyone may guess a password (src/api/auth-throttle). Medusa 2.21
 * limits nothing. Failed logins are counted in three ways within a window:
 *
 * - per account and address: someone at one address guessing one account's
 *   password is stopped after a handful of tries;
 * - per address: one address trying many accounts (credential stuffing);
 * - per account: many addresses guessing one account. This one never stops an
 *   address that logged in to that account successfully in the last 30 days,
 *   so an attacker cannot lock the owner out.
 *
 * A password-reset request counts like a failed login (each sends an email).
 * The defaults let a customer who mistypes a few times through and stop a
 * script within seconds.
 */
export const DEFAULT_AUTH_THROTTLE = {
  perAccountAndAddress: 5,
  perAddress: 20,
  perAccount: 50,
  windowSeconds: 15 * 60,
} as const

/** How long a successful login exempts its address from the account-wide limit. */
export const KNOWN_ADDRESS_SECONDS = 30 * 24 * 3600

export interface AuthThrottleSettings {
  perAccountAndAddress: number
  perAddress: number
  perAccount: number
  windowSeconds: number
}

export function authThrottleSettings(
  env: Pick<
    Env,
    | "AUTH_THROTTLE_PER_ACCOUNT_AND_ADDRESS"
    | "AUTH_THROTTLE_PER_ADDRESS"
    | "AUTH_THROTTLE_PER_ACCOUNT"
    | "AUTH_THROTTLE_WINDOW_SECONDS"
  >
): AuthThrottleSettings {
  return {
    perAccountAndAddress: env.AUTH_THROTTLE_PER_ACCOUNT_AND_ADDRESS ?? DEFAULT_AUTH_THROTTLE.perAccountAndAddress,
    perAddress: env.AUTH_THROTTLE_PER_ADDRESS ?? DEFAULT_AUTH_THROTTLE.perAddress,
    perAccount: env.AUTH_THROTTLE_PER_ACCOUNT ?? DEFAULT_AUTH_THROTTLE.perAccount,
    windowSeconds: env.AUTH_THROTTLE_WINDOW_SECONDS ?? DEFAULT_AUTH_THROTTLE.windowSeconds,
  }
}

/** The operator's line for the server's log. */
export function authThrottleSummary(settings: AuthThrottleSettings, shared: boolean): string {
  const minutes = Math.round(settings.windowSeconds / 60)
  return `login throttle: ${settings.perAccountAndAddress} failures per account and address, ${settings.perAddress} per address, ${settings.perAccount} per account in ${minutes} min; counted ${shared ? "in Redis, across replicas" : "in this process only (no REDIS_URL)"}`
}
