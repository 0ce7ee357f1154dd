import type { IncomingHttpHeaders } from "node:http"

/**
 * Which Store API requests get the same answer for every anonymous visitor:
 * the catalogue a storefront renders its pages from. Carts, customers,
 * orders, payment and shipping routes are never among them.
 */
const CATALOGUE_PATH =
  /^\/store\/(products|product-categories|collections|regions|product-types|product-tags)(\/[^/]+)?\/?$/

export const CACHE_STATUS_HEADER = "x-store-cache"

/** Headers never sent again from the cache: they belong to one connection or one response. */
const NOT_REPLAYED = new Set(["date", "connection", "keep-alive", "content-length", "transfer-encoding"])

/**
 * A GET of a catalogue path that carries no credentials at all, not even
 * ones Medusa would ignore: a cookie or an Authorization header can make the
 * answer a customer's own (customer-group prices).
 */
export function isAnonymousCatalogueRequest(method: string | undefined, url: string, headers: IncomingHttpHeaders) {
  return (
    method === "GET" &&
    CATALOGUE_PATH.test(url.split("?")[0]) &&
    headers.authorization === undefined &&
    headers.cookie === undefined
  )
}

/**
 * Everything besides the URL that Medusa's answer to an anonymous visitor
 * depends on: the publishable key (its sales channels), the locale, and the
 * Origin (the CORS headers of the answer).
 */
export function cacheKey(url: string, headers: IncomingHttpHeaders): string {
  const header = (name: string) => String(headers[name] ?? "")
  return [header("x-publishable-api-key"), header("x-medusa-locale"), header("origin"), url].join("\n")
}

/** The headers of an answer worth sending again, or undefined when it must not be shared (it sets a cookie). */
export function replayableHeaders(headers: Record<string, unknown>): Record<string, string> | undefined {
  if (headers["set-cookie"] !== undefined) return undefined
  const kept: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase()
    if (NOT_REPLAYED.has(lower) || lower === CACHE_STATUS_HEADER || value === undefined) continue
    kept[lower] = Array.isArray(value) ? value.join(", ") : String(value)
  }
  return kept
}
