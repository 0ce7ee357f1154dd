import { ConfigError, configWarning, type ConfigWarning } from "../errors"
import type { SslMode } from "./tls"

export interface SslChoice {
  sslMode: SslMode
  /** Where the TLS decision came from, for the startup log line. */
  sslSource: string
  warnings: ConfigWarning[]
}

/**
 * TLS is decided by the first of: DATABASE_SSL, the URL's sslmode,
 * DATABASE_EXTRA's ssl, and finally the host (local: off; anything else:
 * verify-full, so a remote database is never silently reached in plain text
 * or without checking who answers).
 */
export function chooseSslMode(
  sources: { DATABASE_SSL?: SslMode; urlSslMode?: SslMode; extraSsl?: SslMode },
  local: boolean
): SslChoice {
  const warnings: ConfigWarning[] = []
  const candidates: Array<[string, SslMode | undefined]> = [
    ["DATABASE_SSL", sources.DATABASE_SSL],
    ["DATABASE_URL sslmode", sources.urlSslMode],
    ["DATABASE_EXTRA", sources.extraSsl],
  ]
  const given = candidates.filter((c): c is [string, SslMode] => c[1] !== undefined)
  const distinct = new Set(given.map((c) => c[1]))
  if (distinct.size > 1) {
    warnings.push(
      configWarning(
        `conflicting TLS settings (${given.map(([s, m]) => `${s}=${m}`).join(", ")}); using ${given[0][0]}`,
        "keep one TLS setting: DATABASE_SSL (and DATABASE_CA_CERT), nothing in the URL or DATABASE_EXTRA"
      )
    )
  }
  const [sslSource, sslMode]: [string, SslMode] = given[0] ?? [
    local ? "default for a local host" : "default for a remote host",
    local ? "disable" : "verify-full",
  ]
  return { sslMode, sslSource, warnings }
}

/** Refuses verify-ca without a CA; warns about unverified or plain-text remote connections. */
export function tlsSafety(choice: SslChoice, ca: string | undefined, host: string, local: boolean): ConfigWarning[] {
  const { sslMode, sslSource } = choice
  if (sslMode === "verify-ca" && !ca) {
    // Without a CA of its own, verify-ca accepts any certificate from the
    // public trust store for any host name; libpq refuses this combination.
    throw new ConfigError(
      sslSource === "DATABASE_SSL" ? "DATABASE_SSL" : "DATABASE_URL",
      "verify-ca needs DATABASE_CA_CERT: without it any publicly trusted certificate passes, whoever's host it names; set DATABASE_CA_CERT (Supabase: prod-ca-2021.crt) or use verify-full"
    )
  }
  if (sslMode === "require" && !ca) {
    return [
      configWarning(
        "database TLS is encrypted but the server certificate is NOT verified; set DATABASE_CA_CERT (Supabase: prod-ca-2021.crt) to verify it",
        "set DATABASE_CA_CERT to Supabase's prod-ca-2021.crt (PEM text or path) so the server is verified"
      ),
    ]
  }
  if (sslMode === "disable" && !local) {
    return [
      configWarning(
        `database TLS is disabled for remote host ${host}; traffic and password travel in plain text`,
        "remove DATABASE_SSL=disable (or sslmode=disable): a remote database must be reached over TLS"
      ),
    ]
  }
  return []
}
