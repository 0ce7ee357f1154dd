import type { Env, RawEnv } from "./env"
import { ConfigError } from "./errors"
import type { ModuleDeclaration } from "./modules"

/**
 * The store cache (src/api/middlewares/caching, src/modules/store-cache) keeps an
 * anonymous catalogue answer until an event says it is wrong. Its maximum
 * age is only a safety net for a change no event announces (an edit straight
 * in the database, which `npm run store-cache:flush` shows at once): an hour,
 * so a product page a shopper opens a few times an hour stays cached, which
 * five minutes would not, while such a change still shows the same hour.
 */
export const DEFAULT_STORE_CACHE_MAX_AGE_SECONDS = 3600

/**
 * How long a server keeps an answer while it cannot be sure it hears every
 * invalidation (its cache Redis is away, or it runs without Redis beside a
 * separate worker): half a second keeps a burst of identical calls off the
 * database and still shows any change on every replica within a second.
 */
export const UNCONFIRMED_MAX_AGE_MS = 500

/**
 * Bytes held per server process, keys and headers included, and answers held;
 * the oldest go first beyond either. A catalogue of a few thousand products
 * in two languages and regions fits; a client inventing URLs only pushes out
 * older entries (docs/security.md#memory). The cache Redis holds every
 * replica's answers beside them, bounded by its own maxmemory.
 */
export const STORE_CACHE_MAX_BYTES = 32 * 1024 * 1024
export const STORE_CACHE_MAX_ENTRIES = 10_000

export interface StoreCacheSettings {
  /** 0: the store cache is off. */
  maxAgeMs: number
  unconfirmedMaxAgeMs: number
  maxBytes: number
  maxEntries: number
}

export function storeCacheSettings(env: Pick<Env, "STORE_CACHE_MAX_AGE_SECONDS">): StoreCacheSettings {
  return {
    maxAgeMs: (env.STORE_CACHE_MAX_AGE_SECONDS ?? DEFAULT_STORE_CACHE_MAX_AGE_SECONDS) * 1000,
    unconfirmedMaxAgeMs: UNCONFIRMED_MAX_AGE_MS,
    maxBytes: STORE_CACHE_MAX_BYTES,
    maxEntries: STORE_CACHE_MAX_ENTRIES,
  }
}

/**
 * STORE_CACHE_TTL_MS set the cache's whole lifetime (at most 1 s) before
 * answers lived until invalidated. Ignoring it would silently turn a cache
 * someone switched off (0) back on, so it is refused with its successor.
 */
export function refuseRetiredStoreCacheVariable(raw: RawEnv): void {
  const value = raw.STORE_CACHE_TTL_MS
  if (value === undefined || value.trim() === "") return
  throw new ConfigError(
    "STORE_CACHE_TTL_MS",
    "is no longer read: catalogue answers now live until a change invalidates them; set STORE_CACHE_MAX_AGE_SECONDS instead (0 turns the store cache off) and unset STORE_CACHE_TTL_MS"
  )
}

/** Where the store cache's second level lives, as the server's summary line names it. */
export type StoreCacheSharing = "CACHE_REDIS_URL" | "REDIS_URL" | undefined

/** The operator's line for the server's log. */
export function storeCacheSummary({ maxAgeMs }: StoreCacheSettings, sharing: StoreCacheSharing): string {
  if (maxAgeMs <= 0) return "store cache: off (STORE_CACHE_MAX_AGE_SECONDS=0)"
  const where = {
    CACHE_REDIS_URL: "in each server and shared by every replica on CACHE_REDIS_URL",
    REDIS_URL:
      "in each server, invalidated through REDIS_URL; set CACHE_REDIS_URL (an evicting Redis) to share answers between replicas",
    none: "in this process only (no Redis: each answer lives 500 ms unless this process runs the subscribers too)",
  }[sharing ?? "none"]
  return `store cache: anonymous catalogue answers kept until a change invalidates them (at most ${maxAgeMs / 1000} s), ${where}`
}

/**
 * The store cache's event side (src/modules/store-cache), in every process:
 * whichever process makes a change (the server for the admin's edits, the
 * worker for its jobs) sees the change's events and invalidates. It reads
 * its settings where the server's first level does (src/api/middlewares/caching/store-cache.ts).
 */
export function storeCacheModule(): ModuleDeclaration {
  return { resolve: "./src/modules/store-cache", dependencies: ["query"] }
}
