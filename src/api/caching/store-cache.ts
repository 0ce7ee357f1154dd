import { parseCorsOrigins } from "@medusajs/framework/utils"
import type { IncomingHttpHeaders } from "node:http"
import { resolveCors } from "../../config/cors"
import { isProduction, parseEnv, type Env } from "../../config/env"
import { storeCacheSettings } from "../../config/store-cache"
import { ResponseCache } from "../../lib/response-cache"
import { cacheKey, type CorsOrigins } from "./catalogue-request"

const env = parseEnv(process.env)

/**
 * This server process's cache of anonymous catalogue answers, shared by the
 * front door (./front-door.ts, installed from instrumentation.ts) and the
 * Express middleware that fills it (./store-response-cache.ts). Sized by
 * src/config/store-cache.ts; STORE_CACHE_TTL_MS was validated at boot.
 */
export const storeCache = new ResponseCache(storeCacheSettings(env))

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
