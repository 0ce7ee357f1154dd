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

/** The store's CORS origins as Medusa hands them to `cors`: exact origins and /regex/ entries. */
export type CorsOrigins = ReadonlyArray<string | RegExp>

/**
 * The part of the Origin header the answer depends on. Medusa's `cors` adds
 * Access-Control-Allow-Origin only for an origin in STORE_CORS; to every
 * other origin, and to a request without one, the answer is the same. So the
 * key holds an allowed origin, and nothing for any other: a client sending a
 * new random Origin with each request gets no new entry from it. `undefined`
 * origins (the list is not known) keep the header as it came.
 */
export function originPart(origin: string | undefined, allowed: CorsOrigins | undefined): string {
  if (!origin) return ""
  if (!allowed) return origin
  return allowed.some((entry) => (typeof entry === "string" ? entry === origin : entry.test(origin))) ? origin : ""
}

/**
 * Everything besides the URL that Medusa's answer to an anonymous visitor
 * depends on: the publishable key (its sales channels), the locale, and the
 * Origin if it is one STORE_CORS allows (the CORS headers of the answer).
 */
export function cacheKey(url: string, headers: IncomingHttpHeaders, allowedOrigins?: CorsOrigins): string {
  const header = (name: string) => String(headers[name] ?? "")
  const origin = originPart(headers.origin, allowedOrigins)
  return [header("x-publishable-api-key"), header("x-medusa-locale"), origin, url].join("\n")
}

/** What cacheKey was made of, for asking the same question again (the store cache's warm-up); undefined for any other text. */
export function parseCacheKey(
  key: string
): { publishableKey: string; locale: string; origin: string; url: string } | undefined {
  const parts = key.split("\n")
  if (parts.length !== 4 || !parts[3].startsWith("/store/")) return undefined
  const [publishableKey, locale, origin, url] = parts
  return { publishableKey, locale, origin, url }
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
