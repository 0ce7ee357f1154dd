import { ConfigError } from "../errors"
import { maskUrl } from "../mask"

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

const TRANSACTION_POOLER_PORT = 6543
const SUPABASE_POOLER_HOST = /\.pooler\.supabase\.com$/i
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"])

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
    throw new ConfigError(
      variable,
      `"${maskUrl(raw)}" has no host; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE`
    )
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
