import type { Env } from "./env"
import { ConfigError } from "./errors"
import type { ModuleDeclaration } from "./modules"
import { parseRedisUrl, type RedisSettings } from "./redis"

/**
 * How long a Caching Module entry (Store API product lists and details with
 * their prices, regions, the store, publishable keys' sales channels) lives.
 * Medusa clears entries when a module event names an entity they hold (a
 * product or price list edited in the admin), so most edits show at once; the
 * TTL bounds what no event announces, e.g. a price list whose starts_at
 * passes, which changes the calculated price without any write. Medusa's default is one hour; five
 * minutes keeps such staleness short while a busy product list still hits.
 */
export const CACHING_TTL_SECONDS = 300

/**
 * Default TTL of the legacy cache (Modules.CACHE) for a caller that passes
 * none. Medusa's own callers (the auth module's MFA challenges and OAuth state)
 * pass their own, so this only bounds a plugin's keys on the noeviction Redis.
 * It is Medusa's default, stated here so it is a decision, not an accident.
 */
export const LEGACY_CACHE_TTL_SECONDS = 30

/**
 * The Redis for the Caching Module's keys when CACHE_REDIS_URL names one that
 * differs from REDIS_URL; undefined when the cache shares REDIS_URL. A cache
 * wants an evicting policy (allkeys-lru) and BullMQ needs noeviction, so a
 * separate Redis lets each have its own policy.
 */
export function separateCacheRedis(
  env: Pick<Env, "REDIS_URL" | "CACHE_REDIS_URL">,
  redis: RedisSettings | undefined
): RedisSettings | undefined {
  if (!env.CACHE_REDIS_URL) {
    return undefined
  }
  if (!env.REDIS_URL) {
    throw new ConfigError(
      "CACHE_REDIS_URL",
      "is set but REDIS_URL is not; the caches run on Redis only together with the event bus and locking, so set REDIS_URL too (or unset CACHE_REDIS_URL)"
    )
  }
  const cache = parseRedisUrl(env.CACHE_REDIS_URL, "CACHE_REDIS_URL")
  return cache.url === redis?.url ? undefined : cache
}

/**
 * Both of Medusa's caches on Redis:
 * - the legacy cache (Modules.CACHE, cache-redis), which the auth module needs
 *   for MFA challenges and OAuth state. Medusa loads it in memory otherwise,
 *   so a login that starts on one replica fails on another or after a
 *   restart. It stays on REDIS_URL (noeviction): an evicting cache Redis could
 *   drop a challenge mid-login, and every key it holds has a TTL;
 * - the Caching Module (caching + caching-redis) on `caching`, which is
 *   CACHE_REDIS_URL when set, else REDIS_URL.
 */
export function cacheModules(redis: RedisSettings, caching: RedisSettings = redis): ModuleDeclaration[] {
  return [
    {
      resolve: "@medusajs/medusa/cache-redis",
      options: { redisUrl: redis.url, redisOptions: redis.options, ttl: LEGACY_CACHE_TTL_SECONDS },
    },
    {
      resolve: "@medusajs/medusa/caching",
      options: {
        ttl: CACHING_TTL_SECONDS,
        providers: [
          {
            resolve: "@medusajs/medusa/caching-redis",
            id: "caching-redis",
            is_default: true,
            options: { redisUrl: caching.url, redisOptions: caching.options },
          },
        ],
      },
    },
  ]
}
