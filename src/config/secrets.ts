import { ConfigError } from "./errors"

export const MIN_SECRET_LENGTH = 32

/**
 * Values that appear in Medusa's starter, its tutorials and example deploys.
 * A production secret equal to one of these is as good as public.
 */
const WELL_KNOWN_SECRETS = new Set([
  "supersecret",
  "secret",
  "changeme",
  "change-me",
  "jwt_secret",
  "cookie_secret",
  "your-secret",
  "your_secret",
  "[secure-random-32-chars]",
  "something",
])

/** Only for development: Medusa's own starter default. */
export const DEVELOPMENT_SECRET = "supersecret"

export type SecretName = "JWT_SECRET" | "COOKIE_SECRET"

const HOW_TO_FIX = "generate one with: openssl rand -base64 48"

export function resolveSecret(name: SecretName, value: string | undefined, production: boolean): string {
  if (!production) {
    return value ?? DEVELOPMENT_SECRET
  }
  if (value === undefined) {
    throw new ConfigError(name, `is required in production; ${HOW_TO_FIX}`)
  }
  if (WELL_KNOWN_SECRETS.has(value.trim().toLowerCase())) {
    throw new ConfigError(name, `is a well-known default value; ${HOW_TO_FIX}`)
  }
  if (value.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      name,
      `is ${value.length} characters, production needs at least ${MIN_SECRET_LENGTH}; ${HOW_TO_FIX}`
    )
  }
  return value
}
