import type { Env } from "./env"

/**
 * The server's cache of anonymous catalogue answers (src/api/caching). Half a
 * second keeps a campaign's burst of identical product-list calls off the
 * database, while a price, stock or price-list change shows everywhere well
 * within a second; 1000 ms is the most the env schema allows for that reason.
 */
export const DEFAULT_STORE_CACHE_TTL_MS = 500

/**
 * Bytes held per server process, keys and headers included, and answers held;
 * the oldest go first beyond either. A catalogue of a few thousand products
 * in two languages and regions fits; a client inventing URLs only pushes out
 * older entries (docs/security.md#memory).
 */
export const STORE_CACHE_MAX_BYTES = 32 * 1024 * 1024
export const STORE_CACHE_MAX_ENTRIES = 10_000

export interface StoreCacheSettings {
  ttlMs: number
  maxBytes: number
  maxEntries: number
}

export function storeCacheSettings(env: Pick<Env, "STORE_CACHE_TTL_MS">): StoreCacheSettings {
  return {
    ttlMs: env.STORE_CACHE_TTL_MS ?? DEFAULT_STORE_CACHE_TTL_MS,
    maxBytes: STORE_CACHE_MAX_BYTES,
    maxEntries: STORE_CACHE_MAX_ENTRIES,
  }
}

/** The operator's line for the server's log. */
export function storeCacheSummary({ ttlMs }: StoreCacheSettings): string {
  return ttlMs > 0
    ? `store cache: anonymous catalogue answers reused for ${ttlMs} ms per server (STORE_CACHE_TTL_MS)`
    : "store cache: off (STORE_CACHE_TTL_MS=0)"
}
