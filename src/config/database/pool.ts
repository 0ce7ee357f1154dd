import type { PoolerKind } from "./url"

/** knex (tarn) pool settings that Medusa passes through `databaseDriverOptions.pool`. */
export interface PoolOptions {
  min?: number
  max?: number
  idleTimeoutMillis?: number
  reapIntervalMillis?: number
  createRetryIntervalMillis?: number
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

/**
 * The pool Medusa gets: the door's defaults, then DATABASE_EXTRA's pool, then
 * DATABASE_POOL_MAX. Undefined when nothing is set (Medusa's own defaults).
 */
export function poolFor(
  pooler: PoolerKind,
  extra: PoolOptions | undefined,
  poolMax: number | undefined
): PoolOptions | undefined {
  const base = { ...poolForPooler(pooler), ...extra }
  const pool = poolMax === undefined ? base : { ...base, max: poolMax }
  return Object.keys(pool).length ? pool : undefined
}
