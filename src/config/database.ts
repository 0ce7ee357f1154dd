import type { ConnectionOptions } from "node:tls"
import { z } from "@medusajs/framework/zod"
import { ConfigError, configWarning, describeIssue, type ConfigWarning } from "./errors"
import { maskUrl } from "./mask"

/**
 * Where the connection goes. Supabase offers three doors to the same database,
 * and what works through each differs (docs/supabase.md):
 * - transaction pooler (port 6543): every query may land on another server
 *   session, so no session state (SET, advisory locks, LISTEN) survives;
 * - session pooler (`*.pooler.supabase.com:5432`): a real session, but at most
 *   `pool_size` (15) clients for everyone together;
 * - direct (`db.<ref>.supabase.co:5432`, or any other Postgres).
 */
export type PoolerKind = "transaction" | "session" | "direct"

/** libpq's names, because that is what people copy from Supabase and psql. */
export const SSL_MODES = ["disable", "require", "verify-ca", "verify-full"] as const
export type SslMode = (typeof SSL_MODES)[number]

/** knex (tarn) pool settings that Medusa passes through `databaseDriverOptions.pool`. */
export interface PoolOptions {
  min?: number
  max?: number
  idleTimeoutMillis?: number
  reapIntervalMillis?: number
  createRetryIntervalMillis?: number
}

export type SslOptions = false | ConnectionOptions

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

/** Reads a CA file; injected so the config stays a pure function in tests. */
export type ReadTextFile = (path: string) => string

const TRANSACTION_POOLER_PORT = 6543
const SUPABASE_POOLER_HOST = /\.pooler\.supabase\.com$/i
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"])

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

export interface ParsedDatabaseUrl {
  url: URL
  host: string
  port: number
  database: string
}

export function parseDatabaseUrl(raw: string, variable = "DATABASE_URL"): ParsedDatabaseUrl {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw new ConfigError(
      variable,
      `"${maskUrl(raw)}" is not a URL; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE`
    )
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new ConfigError(
      variable,
      `scheme "${url.protocol}" is not PostgreSQL; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE`
    )
  }
  if (!url.hostname) {
    throw new ConfigError(variable, `"${maskUrl(raw)}" has no host; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE`)
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""))
  if (!database) {
    throw new ConfigError(variable, `"${maskUrl(raw)}" names no database; add it after the host, e.g. .../postgres`)
  }
  const port = url.port ? Number(url.port) : 5432
  return { url, host: url.hostname, port, database }
}

export function detectPooler(host: string, port: number): PoolerKind {
  if (port === TRANSACTION_POOLER_PORT) {
    return "transaction"
  }
  if (SUPABASE_POOLER_HOST.test(host)) {
    return "session"
  }
  return "direct"
}

export function isLocalHost(host: string): boolean {
  return LOCAL_HOSTS.has(host.toLowerCase())
}

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

export interface DatabaseExtra {
  ssl?: SslMode
  ca?: string
  connection: Record<string, unknown>
  pool?: PoolOptions
}

const sslValueSchema = z.union([
  z.boolean(),
  z.strictObject({ rejectUnauthorized: z.boolean().optional(), ca: z.string().optional() }),
])

const poolSchema = z.strictObject({
  min: z.number().int().nonnegative().optional(),
  max: z.number().int().positive().optional(),
  idleTimeoutMillis: z.number().int().nonnegative().optional(),
  reapIntervalMillis: z.number().int().positive().optional(),
  // Medusa's main connection keeps only these keys (framework pg-connection-loader);
  // anything else would be silently dropped, so it is rejected here.
  createRetryIntervalMillis: z.number().int().positive().optional(),
})

const databaseExtraSchema = z.strictObject({
  /** Medusa 1 shape. */
  ssl: sslValueSchema.optional(),
  /** Medusa 2 shape: passed to node-postgres, so other pg options may ride along. */
  connection: z.looseObject({ ssl: sslValueSchema.optional() }).optional(),
  pool: poolSchema.optional(),
})

/**
 * DATABASE_EXTRA is the seed's variable. Medusa 1 read `{"ssl": {...}}`; Medusa 2
 * reads `{"connection": {"ssl": {...}}, "pool": {...}}`. Both shapes are accepted
 * and normalised; anything else is an error rather than a silently ignored key.
 */
export function parseDatabaseExtra(raw: string | undefined): DatabaseExtra | undefined {
  if (raw === undefined || raw.trim() === "") {
    return undefined
  }
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch (e) {
    throw new ConfigError(
      "DATABASE_EXTRA",
      `is not valid JSON (${(e as Error).message}); e.g. {"connection":{"ssl":{"rejectUnauthorized":true}}}`
    )
  }
  const result = databaseExtraSchema.safeParse(json)
  if (!result.success) {
    throw new ConfigError(
      "DATABASE_EXTRA",
      `${describeIssue(result.error)}; expected {"connection":{"ssl":{...}},"pool":{"min":0,"max":10}}`
    )
  }
  const { ssl: topLevelSsl, connection = {}, pool } = result.data
  const { ssl: connectionSsl, ...otherConnection } = connection
  if (topLevelSsl !== undefined && connectionSsl !== undefined) {
    throw new ConfigError(
      "DATABASE_EXTRA",
      `sets ssl twice (top-level Medusa 1 "ssl" and "connection.ssl"); keep only connection.ssl`
    )
  }
  const sslValue = topLevelSsl ?? connectionSsl
  const extra: DatabaseExtra = { connection: otherConnection }
  if (sslValue !== undefined) {
    Object.assign(extra, sslFromExtra(sslValue))
  }
  if (pool !== undefined) {
    extra.pool = pool
  }
  return extra
}

function sslFromExtra(value: z.infer<typeof sslValueSchema>): { ssl: SslMode; ca?: string } {
  if (value === false) {
    return { ssl: "disable" }
  }
  if (value === true) {
    return { ssl: "verify-full" }
  }
  // An explicit rejectUnauthorized:false is the operator asking for
  // "encrypt but do not verify"; everything else verifies.
  const mode: SslMode = value.rejectUnauthorized === false ? "require" : "verify-full"
  return value.ca ? { ssl: mode, ca: value.ca } : { ssl: mode }
}

/** DATABASE_CA_CERT holds the PEM itself or a path to it. */
export function loadCaCertificate(value: string, readTextFile: ReadTextFile, variable = "DATABASE_CA_CERT"): string {
  // Railway's variable editor and .env files often carry the PEM on one line
  // with literal "\n" sequences.
  const inline = value.includes("\\n") ? value.replace(/\\n/g, "\n") : value
  if (inline.includes("-----BEGIN CERTIFICATE-----")) {
    return inline.trim() + "\n"
  }
  let text: string
  try {
    text = readTextFile(value.trim())
  } catch {
    throw new ConfigError(
      variable,
      `is neither a PEM certificate nor a readable file ("${value.trim()}"); paste the PEM or give its path`
    )
  }
  if (!text.includes("-----BEGIN CERTIFICATE-----")) {
    throw new ConfigError(variable, `file "${value.trim()}" contains no PEM certificate (-----BEGIN CERTIFICATE-----)`)
  }
  return text
}

/**
 * The pool per door. Through a transaction pooler a held-open idle connection
 * buys nothing (Supavisor multiplexes) and counts against the pooler's client
 * limit, so keep none idle and close them quickly. Through the session pooler
 * every client is a whole server session out of 15 shared by all services.
 * Direct connections keep Medusa's own defaults.
 */
export function poolForPooler(pooler: PoolerKind): PoolOptions | undefined {
  switch (pooler) {
    case "transaction":
      return { min: 0, max: 10, idleTimeoutMillis: 10_000 }
    case "session":
      return { min: 0, max: 5, idleTimeoutMillis: 10_000 }
    case "direct":
      return undefined
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

/**
 * Turns the database variables into Medusa's `databaseUrl` and
 * `databaseDriverOptions`. TLS is decided by the first of: DATABASE_SSL, the
 * URL's sslmode, DATABASE_EXTRA's ssl, and finally the host (local: off;
 * anything else: verify-full, so a remote database is never silently reached
 * in plain text or without checking who answers).
 */
export function databaseSettings(env: DatabaseEnv, readTextFile: ReadTextFile): DatabaseSettings | undefined {
  if (env.DATABASE_URL === undefined || env.DATABASE_URL.trim() === "") {
    return undefined
  }
  const parsed = parseDatabaseUrl(env.DATABASE_URL)
  const tls = extractUrlTlsParams(parsed.url)
  const extra = parseDatabaseExtra(env.DATABASE_EXTRA)
  const warnings: ConfigWarning[] = []

  if (tls.removed.includes("pgbouncer")) {
    warnings.push(
      configWarning(
        "DATABASE_URL: removed ?pgbouncer= (a Prisma flag that node-postgres ignores)",
        "remove ?pgbouncer=true from DATABASE_URL (a Prisma flag; node-postgres ignores it)"
      )
    )
  }
  const sslParams = tls.removed.filter((p) => p !== "pgbouncer")
  if (sslParams.length) {
    warnings.push(
      configWarning(
        `DATABASE_URL: removed ?${sslParams.join(", ?")} from the URL and applied it as the ssl option (set DATABASE_SSL instead)`,
        "remove TLS parameters from DATABASE_URL; set DATABASE_SSL and DATABASE_CA_CERT instead"
      )
    )
  }

  const candidates: Array<[string, SslMode | undefined]> = [
    ["DATABASE_SSL", env.DATABASE_SSL],
    ["DATABASE_URL sslmode", tls.sslMode],
    ["DATABASE_EXTRA", extra?.ssl],
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
  const local = isLocalHost(parsed.host)
  const [sslSource, sslMode]: [string, SslMode] = given[0] ?? [
    local ? "default for a local host" : "default for a remote host",
    local ? "disable" : "verify-full",
  ]

  let ca: string | undefined
  if (env.DATABASE_CA_CERT && env.DATABASE_CA_CERT.trim() !== "") {
    ca = loadCaCertificate(env.DATABASE_CA_CERT, readTextFile)
  } else if (tls.rootCertPath) {
    ca = loadCaCertificate(tls.rootCertPath, readTextFile, "DATABASE_URL (?sslrootcert=)")
  } else if (extra?.ca) {
    ca = extra.ca
  }

  if (sslMode === "verify-ca" && !ca) {
    // Without a CA of its own, verify-ca accepts any certificate from the
    // public trust store for any host name; libpq refuses this combination.
    throw new ConfigError(
      sslSource === "DATABASE_SSL" ? "DATABASE_SSL" : "DATABASE_URL",
      "verify-ca needs DATABASE_CA_CERT: without it any publicly trusted certificate passes, whoever's host it names; set DATABASE_CA_CERT (Supabase: prod-ca-2021.crt) or use verify-full"
    )
  }
  if (sslMode === "require" && !ca) {
    warnings.push(
      configWarning(
        "database TLS is encrypted but the server certificate is NOT verified; set DATABASE_CA_CERT (Supabase: prod-ca-2021.crt) to verify it",
        "set DATABASE_CA_CERT to Supabase's prod-ca-2021.crt (PEM text or path) so the server is verified"
      )
    )
  }
  if (sslMode === "disable" && !local) {
    warnings.push(
      configWarning(
        `database TLS is disabled for remote host ${parsed.host}; traffic and password travel in plain text`,
        "remove DATABASE_SSL=disable (or sslmode=disable): a remote database must be reached over TLS"
      )
    )
  }

  const pooler = detectPooler(parsed.host, parsed.port)
  const poolMax = env.DATABASE_POOL_MAX
  const poolBase = { ...poolForPooler(pooler), ...extra?.pool }
  const pool = poolMax === undefined ? poolBase : { ...poolBase, max: poolMax }

  const driverOptions: DatabaseDriverOptions = {
    connection: { ...extra?.connection, ssl: sslOptionsFor(sslMode, ca) },
  }
  if (Object.keys(pool).length) {
    driverOptions.pool = pool
  }

  return {
    url: tls.cleanUrl.toString(),
    host: parsed.host,
    port: parsed.port,
    database: parsed.database,
    pooler,
    sslMode,
    sslSource,
    caProvided: ca !== undefined,
    driverOptions,
    warnings,
  }
}
