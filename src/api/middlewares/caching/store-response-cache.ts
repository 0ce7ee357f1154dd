import type { IncomingHttpHeaders } from "node:http"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { CachedResponse, ResponseCache } from "../../../lib/response-cache"
import type { SharedLevel } from "../../../modules/store-cache/shared-level"
import { CACHE_STATUS_HEADER, isAnonymousCatalogueRequest, replayableHeaders } from "./catalogue-request"
import { entryTags } from "./entry-tags"
import { replay } from "./replay"

type Computed = { response: CachedResponse; tags: string[] } | undefined

/**
 * Lets the route answer, and hands a 200 JSON answer with its tags to
 * `settle` (anything else, or a response that ends without JSON, settles
 * with undefined).
 */
function capture(req: MedusaRequest, res: MedusaResponse, settle: (computed: Computed) => void): void {
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
    settle(headers && { response: { body: Buffer.from(text), headers }, tags: entryTags(req.originalUrl, body) })
    return sent
  }) as MedusaResponse["json"]
  res.once("close", () => settle(undefined))
}

/**
 * The Express side of the store cache, mounted on /store after Medusa's
 * publishable-key, locale and customer-auth middlewares. An anonymous
 * catalogue request is answered from this process's first level (the
 * previous answer while the same request is being recomputed), waits for the
 * same request already being answered here, is answered from the shared
 * level in the cache Redis, or is answered by Medusa and its answer kept in
 * both levels. Hits are normally answered by the front door (src/instrumentation/store-cache-front-door.ts)
 * before Express; the reads here serve requests that raced an entry being
 * filled, and servers without the front door (the integration tests'
 * in-process Medusa).
 */
export function storeResponseCache(
  cache: ResponseCache,
  keyOf: (url: string, headers: IncomingHttpHeaders) => string,
  sharedLevel: () => SharedLevel | undefined = () => undefined
) {
  return async function cacheAnonymousCatalogue(
    req: MedusaRequest,
    res: MedusaResponse,
    next: MedusaNextFunction
  ): Promise<void> {
    const loggedIn = (req as MedusaRequest & { auth_context?: unknown }).auth_context !== undefined
    if (!cache.enabled || loggedIn || !isAnonymousCatalogueRequest(req.method, req.originalUrl, req.headers)) {
      return next()
    }
    const key = keyOf(req.originalUrl, req.headers)
    const fresh = cache.get(key)
    if (fresh) return replay(req, res, fresh, "hit")
    const stale = cache.stale(key)
    if (stale) return replay(req, res, stale, "stale")
    const inFlight = cache.inFlight(key)
    if (inFlight) {
      const answer = await inFlight
      if (answer) return replay(req, res, answer, "shared")
      return next()
    }
    const settle = cache.begin(key)
    const shared = cache.accepts(key) ? sharedLevel() : undefined
    const read = shared ? await shared.read(key).catch(() => undefined) : undefined
    if (read?.hit) {
      settle(read.hit.response, read.hit.tags)
      return replay(req, res, read.hit.response, "redis")
    }
    capture(req, res, (computed) => {
      settle(computed?.response, computed?.tags)
      if (computed && shared && read) {
        shared.write(key, read.epoch, computed.response, computed.tags).catch(() => undefined)
      }
    })
    res.setHeader(CACHE_STATUS_HEADER, "miss")
    next()
  }
}
