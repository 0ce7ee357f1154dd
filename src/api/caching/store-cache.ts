import { parseCorsOrigins } from "@medusajs/framework/utils"
import type { IncomingHttpHeaders } from "node:http"
import { resolveCors } from "../../config/cors"
import { isProduction, parseEnv, type Env } from "../../config/env"
import { parseRedisUrl } from "../../config/redis"
import { storeCacheSettings } from "../../config/store-cache"
import { ResponseCache } from "../../lib/response-cache"
import { SharedLevel } from "../../modules/store-cache/shared-level"
import { cacheKey, type CorsOrigins } from "./catalogue-request"

const env = parseEnv(process.env)
const settings = storeCacheSettings(env)

/**
 * This server process's first level of anonymous catalogue answers, shared
 * by the front door (./front-door.ts, installed from instrumentation.ts), the
 * Express middleware that fills it (./store-response-cache.ts) and the
 * invalidations that empty it (src/modules/store-cache). Sized by
 * src/config/store-cache.ts; the variables were validated at boot.
 */
export const storeCache = new ResponseCache(settings)

let shared: SharedLevel | undefined
let sharedDisabled = false

/** Stops using the second level: nothing would invalidate it (src/modules/store-cache says why in the log). */
export function disableSharedStoreCache(): void {
  sharedDisabled = true
}

/**
 * The second level in the cache Redis (CACHE_REDIS_URL, else REDIS_URL),
 * connected on first use; undefined without Redis or with the cache off.
 */
export function sharedStoreCache(): SharedLevel | undefined {
  const url = env.CACHE_REDIS_URL || env.REDIS_URL
  if (!url || !storeCache.enabled || sharedDisabled) return undefined
  if (!shared) {
    const redis = parseRedisUrl(url, env.CACHE_REDIS_URL ? "CACHE_REDIS_URL" : "REDIS_URL")
    shared = new SharedLevel({ url: redis.url, redisOptions: redis.options, maxAgeMs: settings.maxAgeMs })
  }
  return shared
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
