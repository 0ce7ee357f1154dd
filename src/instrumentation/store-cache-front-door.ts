import type { IncomingHttpHeaders } from "node:http"
import { hookNextHttpServer, type HookOptions, type Listener } from "../internals/medusa-http-server"
import type { ResponseCache } from "../lib/response-cache"
import { isAnonymousCatalogueRequest } from "../api/middlewares/caching/catalogue-request"
import { replay } from "../api/middlewares/caching/replay"

/** How often the server says how many answers came from memory (they skip Medusa's access log). */
const REPORT_EVERY_MS = 60_000

/**
 * Answers a repeated anonymous catalogue request from the cache before
 * Express sees it. A storefront renders every page from the same few
 * product-list calls; through Medusa's whole middleware chain (access log,
 * session, publishable-key lookup) even a cached answer costs about half a
 * millisecond of CPU, which on a 2-core container caps the shop near
 * 2,000 requests a second. A hit here is a map lookup and a write.
 *
 * Only hits are answered here. A miss, anything with a cookie or an
 * Authorization header, and every other route go on to Express, where
 * Medusa validates the publishable key and ./store-response-cache.ts fills
 * the cache. An entry exists only for a key that was valid within the TTL.
 *
 * Installed from instrumentation.ts, whose register() `medusa start` calls
 * right before it creates its HTTP server: the next http.createServer call
 * (that one) gets this in front of its listener (src/internals/medusa-http-server.ts).
 * Not Medusa's traceRequestHandler hook, which the worker's
 * readiness uses: with it set, Medusa searches its whole router stack on
 * every request, a third of the CPU a hit would cost. The e2e suite checks
 * that the built server's hits come from here.
 */
export function installStoreCacheFrontDoor(
  cache: ResponseCache,
  keyOf: (url: string, headers: IncomingHttpHeaders) => string,
  log: (line: string) => void = (line) => console.log(line),
  hookOptions: HookOptions = {}
): boolean {
  if (!cache.enabled) return false
  let hits = 0
  const frontDoor =
    (listener: Listener): Listener =>
    (req, res) => {
      const url = req.url ?? ""
      if (isAnonymousCatalogueRequest(req.method, url, req.headers)) {
        const key = keyOf(url, req.headers)
        const fresh = cache.get(key)
        const cached = fresh ?? cache.stale(key)
        if (cached) {
          hits += 1
          replay(req, res, cached, fresh ? "hit" : "stale")
          return
        }
      }
      listener(req, res)
    }
  hookNextHttpServer({ wrapListener: frontDoor }, hookOptions)
  setInterval(() => {
    if (hits === 0) return
    log(`[store-cache] ${hits} catalogue answers from memory in the last ${REPORT_EVERY_MS / 1000} s`)
    hits = 0
  }, REPORT_EVERY_MS).unref()
  return true
}
