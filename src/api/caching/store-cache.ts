import { parseEnv } from "../../config/env"
import { storeCacheSettings } from "../../config/store-cache"
import { ResponseCache } from "../../lib/response-cache"

/**
 * This server process's cache of anonymous catalogue answers, shared by the
 * front door (./front-door.ts, installed from instrumentation.ts) and the
 * Express middleware that fills it (./store-response-cache.ts). Sized by
 * STORE_CACHE_TTL_MS, which the config module validated at boot.
 */
export const storeCache = new ResponseCache(storeCacheSettings(parseEnv(process.env)))
