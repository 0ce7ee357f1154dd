import type { IncomingHttpHeaders } from "node:http"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { CachedResponse, ResponseCache } from "../../lib/response-cache"
import { CACHE_STATUS_HEADER, isAnonymousCatalogueRequest, replayableHeaders } from "./catalogue-request"
import { replay } from "./replay"

/**
 * Lets the route answer, and hands a 200 JSON answer to `settle` (anything
 * else, or a response that ends without JSON, settles with undefined).
 */
function capture(res: MedusaResponse, settle: (response: CachedResponse | undefined) => void): void {
  const json = res.json.bind(res)
  res.json = ((body: unknown) => {
    if (res.statusCode !== 200) {
      settle(undefined)
      return json(body)
    }
    const text = JSON.stringify(body)
    res.setHeader("Content-Type", "application/json; charset=utf-8")
    const sent = res.send(text)
    const headers = replayableHeaders(res.getHeaders())
    settle(headers && { body: Buffer.from(text), headers })
    return sent
  }) as MedusaResponse["json"]
  res.once("close", () => settle(undefined))
}

/**
 * The Express side of the store cache, mounted on /store after Medusa's
 * publishable-key, locale and customer-auth middlewares: an anonymous
 * catalogue request is answered from the cache (the previous answer while
 * the same request is being recomputed), waits for the same request already
 * being answered, or is answered by Medusa and its answer kept. Hits are
 * normally answered by the front door (./front-door.ts) before Express; the
 * reads here serve requests that raced an entry being filled, and servers
 * without the front door (the integration tests' in-process Medusa).
 */
export function storeResponseCache(cache: ResponseCache, keyOf: (url: string, headers: IncomingHttpHeaders) => string) {
  return async function cacheAnonymousCatalogue(
    req: MedusaRequest,
    res: MedusaResponse,
    next: MedusaNextFunction
  ): Promise<void> {
    const loggedIn = (req as MedusaRequest & { auth_context?: unknown }).auth_context !== undefined
    if (cache.ttlMs <= 0 || loggedIn || !isAnonymousCatalogueRequest(req.method, req.originalUrl, req.headers)) {
      return next()
    }
    const key = keyOf(req.originalUrl, req.headers)
    const fresh = cache.get(key)
    if (fresh) return replay(req, res, fresh, "hit")
    const stale = cache.stale(key)
    if (stale) return replay(req, res, stale, "stale")
    const inFlight = cache.inFlight(key)
    if (inFlight) {
      const shared = await inFlight
      if (shared) return replay(req, res, shared, "shared")
      return next()
    }
    capture(res, cache.begin(key))
    res.setHeader(CACHE_STATUS_HEADER, "miss")
    next()
  }
}
