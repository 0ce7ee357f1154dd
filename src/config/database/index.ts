import type { ConfigWarning } from "../errors"
import { chooseCa, type ReadTextFile } from "./ca"
import { parseDatabaseExtra } from "./extra"
import { poolFor, type PoolOptions } from "./pool"
import { sslOptionsFor, type SslMode, type SslOptions } from "./tls"
import { chooseSslMode, tlsSafety } from "./tls-choice"
import { detectPooler, isLocalHost, parseDatabaseUrl, type PoolerKind } from "./url"
import { extractUrlTlsParams, removedParamWarnings } from "./url-tls"

export { loadCaCertificate, type ReadTextFile } from "./ca"
export { parseDatabaseExtra, type DatabaseExtra } from "./extra"
export { poolForPooler, type PoolOptions } from "./pool"
export { normaliseSslMode, sslOptionsFor, SSL_MODES, type SslMode, type SslOptions } from "./tls"
export { detectPooler, isLocalHost, parseDatabaseUrl, type ParsedDatabaseUrl, type PoolerKind } from "./url"
export { extractUrlTlsParams, type UrlTlsParams } from "./url-tls"

/** A type alias, not an interface: Medusa's type wants an index signature. */
export type DatabaseDriverOptions = {
  connection: { ssl: SslOptions; [key: string]: unknown }
  pool?: PoolOptions
}

export interface DatabaseSettings {
  /** The URL Medusa gets: TLS-related query parameters removed. */
  url: string
  host: string
  port: number
  database: string
  pooler: PoolerKind
  sslMode: SslMode
  /** Where the TLS decision came from, for the startup log line. */
  sslSource: string
  caProvided: boolean
  driverOptions: DatabaseDriverOptions
  warnings: ConfigWarning[]
}

export interface DatabaseEnv {
  DATABASE_URL?: string
  DATABASE_SSL?: SslMode
  DATABASE_CA_CERT?: string
  DATABASE_EXTRA?: string
  DATABASE_POOL_MAX?: number
}

/**
 * Turns the database variables into Medusa's `databaseUrl` and
 * `databaseDriverOptions`: the URL without its TLS parameters (./url-tls.ts),
 * the TLS mode and CA (./tls-choice.ts, ./ca.ts), the pool per door (./pool.ts).
 */
export function databaseSettings(env: DatabaseEnv, readTextFile: ReadTextFile): DatabaseSettings | undefined {
  if (env.DATABASE_URL === undefined || env.DATABASE_URL.trim() === "") {
    return undefined
  }
  const parsed = parseDatabaseUrl(env.DATABASE_URL)
  const tls = extractUrlTlsParams(parsed.url)
  const extra = parseDatabaseExtra(env.DATABASE_EXTRA)
  const local = isLocalHost(parsed.host)
  const choice = chooseSslMode({ DATABASE_SSL: env.DATABASE_SSL, urlSslMode: tls.sslMode, extraSsl: extra?.ssl }, local)
  const ca = chooseCa(env.DATABASE_CA_CERT, tls.rootCertPath, extra?.ca, readTextFile)
  const warnings = [
    ...removedParamWarnings(tls.removed),
    ...choice.warnings,
    ...tlsSafety(choice, ca, parsed.host, local),
  ]

  const pooler = detectPooler(parsed.host, parsed.port)
  const pool = poolFor(pooler, extra?.pool, env.DATABASE_POOL_MAX)
  const driverOptions: DatabaseDriverOptions = {
    connection: { ...extra?.connection, ssl: sslOptionsFor(choice.sslMode, ca) },
  }
  if (pool) {
    driverOptions.pool = pool
  }

  return {
    url: tls.cleanUrl.toString(),
    host: parsed.host,
    port: parsed.port,
    database: parsed.database,
    pooler,
    sslMode: choice.sslMode,
    sslSource: choice.sslSource,
    caProvided: ca !== undefined,
    driverOptions,
    warnings,
  }
}
