import { ConfigError, configWarning, type ConfigWarning } from "../errors"
import { normaliseSslMode, type SslMode } from "./tls"

/**
 * URL parameters that node-postgres (pg-connection-string) or Medusa read and
 * that would silently override the `ssl` object we build (a leftover
 * `sslmode=require` replaces `ssl: { ca }`, pg 8 treating it as verify-full),
 * or that belong to other tools (`pgbouncer=true` is Prisma's flag).
 */
const STRIPPED_PARAMS = [
  "sslmode",
  "ssl_mode",
  "ssl",
  "sslrootcert",
  "sslcert",
  "sslkey",
  "uselibpqcompat",
  "pgbouncer",
] as const

export interface UrlTlsParams {
  cleanUrl: URL
  sslMode?: SslMode
  rootCertPath?: string
  removed: string[]
}

/** Removes every TLS-related parameter from the URL and reports what it meant. */
export function extractUrlTlsParams(url: URL, variable = "DATABASE_URL"): UrlTlsParams {
  const cleanUrl = new URL(url.toString())
  const removed: string[] = []
  let sslMode: SslMode | undefined
  let rootCertPath: string | undefined
  for (const name of STRIPPED_PARAMS) {
    const value = cleanUrl.searchParams.get(name)
    if (value === null) {
      continue
    }
    removed.push(name)
    cleanUrl.searchParams.delete(name)
    if (name === "sslmode" || name === "ssl_mode" || name === "ssl") {
      sslMode = normaliseSslMode(value, `${variable} (?${name}=)`)
    } else if (name === "sslrootcert") {
      rootCertPath = value
    } else if (name === "sslcert" || name === "sslkey") {
      throw new ConfigError(
        variable,
        `?${name}= (client certificates) is not supported; remove it (Supabase authenticates with the password)`
      )
    }
  }
  return { cleanUrl, sslMode, rootCertPath, removed }
}

/** What removing the parameters means for the operator. */
export function removedParamWarnings(removed: string[]): ConfigWarning[] {
  const warnings: ConfigWarning[] = []
  if (removed.includes("pgbouncer")) {
    warnings.push(
      configWarning(
        "DATABASE_URL: removed ?pgbouncer= (a Prisma flag that node-postgres ignores)",
        "remove ?pgbouncer=true from DATABASE_URL (a Prisma flag; node-postgres ignores it)"
      )
    )
  }
  const sslParams = removed.filter((p) => p !== "pgbouncer")
  if (sslParams.length) {
    warnings.push(
      configWarning(
        `DATABASE_URL: removed ?${sslParams.join(", ?")} from the URL and applied it as the ssl option (set DATABASE_SSL instead)`,
        "remove TLS parameters from DATABASE_URL; set DATABASE_SSL and DATABASE_CA_CERT instead"
      )
    )
  }
  return warnings
}
