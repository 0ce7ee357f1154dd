import type { IncomingMessage, ServerResponse } from "node:http"
import type { CachedResponse } from "../../../lib/response-cache"
import { CACHE_STATUS_HEADER } from "./catalogue-request"

/** Sends a cached answer (or 304 when the caller already holds it), marked with where it came from. */
export function replay(req: IncomingMessage, res: ServerResponse, cached: CachedResponse, status: string): void {
  const etag = cached.headers.etag
  if (etag && req.headers["if-none-match"] === etag) {
    res.writeHead(304, { etag, [CACHE_STATUS_HEADER]: status })
    res.end()
    return
  }
  res.writeHead(200, { ...cached.headers, "content-length": cached.body.length, [CACHE_STATUS_HEADER]: status })
  res.end(cached.body)
}
