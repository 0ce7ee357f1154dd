import { parseCorsOrigins } from "@medusajs/framework/utils"
import type { IncomingHttpHeaders } from "node:http"
import { resolveCors } from "../../../config/cors"
import { isProduction, parseEnv, type Env } from "../../../config/env"
import { parseRedisUrl } from "../../../config/redis"
import { storeCacheSettings } from "../../../config/store-cache"
import { ResponseCache } from "../../../lib/response-cache"
import { SharedLevel } from "../../../modules/store-cache/shared-level"
import { cacheKey, type CorsOrigins } from "./catalogue-request"

const env = parseEnv(process.env)
const settings = storeCacheSettings(env)

/**
 * This server process's first level of anonymous catalogue answers, shared
 * by the front door (src/instrumentation/store-cache-front-door.ts), the
 * Express middleware that fills it (./store-response-cache.ts) and the
 * invalidations that empty it (src/modules/store-cache). Sized by
 * src/config/store-cache.ts; the variables were validated at boot.
 */
export const storeCache = new ResponseCache(settings)

let shared: SharedLevel | undefined
let sharedDisabled = false
let servingStoreApi = false

/**
 * Called from instrumentation.ts's register(), which `medusa start` runs
 * before it creates its HTTP server: this process answers the Store API, so
 * it can warm answers up by asking itself and it keeps a first level worth
 * invalidating. A `medusa exec` script loads the same modules but serves
 * nothing: it only sends the invalidations of what it changes.
 */
export function markServingStoreApi(): void {
  servingStoreApi = true
}

export const servesStoreApi = (): boolean => servingStoreApi

/** Stops using the second level: nothing would invalidate it (src/modules/store-cache says why in the log). */
export function disableSharedStoreCache(): void {
  sharedDisabled = true
}

/**
 * The second level in the cache Redis, connected on first use: answers kept
 * there only on a Redis of the cache's own (CACHE_REDIS_URL); on REDIS_URL
 * alone it carries the invalidations between replicas and nothing else.
 * Undefined without Redis or with the cache off.
 */
export function sharedStoreCache(): SharedLevel | undefined {
  if (!storeCache.enabled || sharedDisabled) return undefined
  const main = env.REDIS_URL ? parseRedisUrl(env.REDIS_URL) : undefined
  const cache = env.CACHE_REDIS_URL ? parseRedisUrl(env.CACHE_REDIS_URL, "CACHE_REDIS_URL") : undefined
  const redis = cache ?? main
  if (!redis) return undefined
  shared ??= new SharedLevel({
    url: redis.url,
    redisOptions: redis.options,
    maxAgeMs: settings.maxAgeMs,
    storesAnswers: cache !== undefined && cache.url !== main?.url,
  })
  return shared
}

/**
 * The second level as requests may use it: only where it keeps answers, and
 * only while this process hears every invalidation (src/modules/store-cache
 * says so with `trusted`); otherwise requests neither read nor write it.
 */
export function answeringStoreCache(): SharedLevel | undefined {
  const level = sharedStoreCache()
  return level?.storesAnswers && level.trusted ? level : undefined
}

/** STORE_CORS as Medusa parses it; undefined where it cannot be read (the boot then refuses the config anyway). */
function storeOrigins(source: Env): CorsOrigins | undefined {
  try {
    return parseCorsOrigins(resolveCors("STORE_CORS", source.STORE_CORS, isProduction(source)))
  } catch {
    return undefined
  }
}

const allowedOrigins = storeOrigins(env)

/** The key of a request's answer in storeCache. */
export const storeCacheKey = (url: string, headers: IncomingHttpHeaders) => cacheKey(url, headers, allowedOrigins)
