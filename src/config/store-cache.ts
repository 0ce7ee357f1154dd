import type { Env } from "./env"

/**
 * The server's cache of anonymous catalogue answers (src/api/caching). Half a
 * second keeps a campaign's burst of identical product-list calls off the
 * database, while a price, stock or price-list change shows everywhere well
 * within a second; 1000 ms is the most the env schema allows for that reason.
 */
export const DEFAULT_STORE_CACHE_TTL_MS = 500

/** Bodies held per server process; the oldest go first beyond it. */
export const STORE_CACHE_MAX_BYTES = 32 * 1024 * 1024

export interface StoreCacheSettings {
  ttlMs: number
  maxBytes: number
}

export function storeCacheSettings(env: Pick<Env, "STORE_CACHE_TTL_MS">): StoreCacheSettings {
  return { ttlMs: env.STORE_CACHE_TTL_MS ?? DEFAULT_STORE_CACHE_TTL_MS, maxBytes: STORE_CACHE_MAX_BYTES }
}

/** The operator's line for the server's log. */
export function storeCacheSummary({ ttlMs }: StoreCacheSettings): string {
  return ttlMs > 0
    ? `store cache: anonymous catalogue answers reused for ${ttlMs} ms per server (STORE_CACHE_TTL_MS)`
    : "store cache: off (STORE_CACHE_TTL_MS=0)"
}
