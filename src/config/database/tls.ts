import type { ConnectionOptions } from "node:tls"
import { ConfigError } from "../errors"

/** libpq's names, because that is what people copy from Supabase and psql. */
export const SSL_MODES = ["disable", "require", "verify-ca", "verify-full"] as const
export type SslMode = (typeof SSL_MODES)[number]

export type SslOptions = false | ConnectionOptions

/** libpq's sslmode values mapped to the four this project distinguishes. */
export function normaliseSslMode(value: string, variable: string): SslMode {
  const v = value.trim().toLowerCase()
  switch (v) {
    case "disable":
    case "false":
    case "0":
      return "disable"
    // pg has no opportunistic TLS; "allow"/"prefer" become "require" so the
    // connection is at least encrypted.
    case "allow":
    case "prefer":
    case "require":
    case "no-verify":
    case "true":
    case "1":
      return "require"
    case "verify-ca":
      return "verify-ca"
    case "verify-full":
      return "verify-full"
    default:
      throw new ConfigError(variable, `unknown SSL mode "${value}"; use one of ${SSL_MODES.join(", ")}`)
  }
}

export function sslOptionsFor(mode: SslMode, ca: string | undefined): SslOptions {
  switch (mode) {
    case "disable":
      return false
    case "require":
      // libpq's "require" verifies the chain when a root certificate is given.
      return ca ? { ca, rejectUnauthorized: true, checkServerIdentity: () => undefined } : { rejectUnauthorized: false }
    case "verify-ca":
      return { ...(ca ? { ca } : {}), rejectUnauthorized: true, checkServerIdentity: () => undefined }
    case "verify-full":
      return { ...(ca ? { ca } : {}), rejectUnauthorized: true }
  }
}
