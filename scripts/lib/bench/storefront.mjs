// @ts-check
/**
 * The storefront-shaped load of `npm run bench`: the Store API calls the
 * official storefront (`medusajs/dtc-starter`, apps/storefront) makes while
 * shoppers browse a catalogue of thousands of products, rather than one URL
 * at a time.
 *
 * Each page a shopper opens is what the storefront's server asks the backend
 * for to render it, with the `fields` and query parameters of its
 * `src/lib/data/*` helpers, serialized as its `@medusajs/js-sdk` client does
 * (qs, `skipNulls`), and only the `x-publishable-api-key` header (a
 * server-side fetch: no cookie, no Origin):
 *
 * - a product page: listProducts({ countryCode, queryParams: { handle } }),
 *   `limit=12&offset=0&region_id&fields&handle`;
 * - a list page: listProducts({ pageParam, countryCode }), 12 products at
 *   `offset` (page - 1) * 12;
 * - a category page: getCategoryByHandle (`/store/product-categories` with
 *   `fields=*category_children, *products&handle`), then the category's
 *   products as listProductsWithSort asks for them: 100 at once, sorted by
 *   the storefront itself, `category_id[0]` and `order=created_at`. Both on
 *   the same connection, one after the other, as a page render does.
 *
 * The storefront's region lookup (getRegion) is memoized in its own process,
 * so it is not part of a page. Products, list pages and categories are
 * chosen with a Zipf-like popularity (the k-th most popular is asked 1/k as
 * often as the first), the popularity order fixed by a seed so that every
 * setup and phase gets the same best-sellers.
 */
// @ts-ignore autocannon ships no types; its result's fields are read below as documented in its README.
import autocannon from "autocannon"
import { stringify } from "qs"
import { CONNECTIONS } from "./load.mjs"

/** listProducts' `fields`, trailing comma included, exactly as the storefront sends it. */
export const PRODUCT_FIELDS =
  "*variants.calculated_price,+variants.inventory_quantity,*variants.images,*variants.options,+metadata,+tags,"
/** getCategoryByHandle's `fields`, space included. */
export const CATEGORY_FIELDS = "*category_children, *products"
/** listProducts' default page size. */
export const PAGE_SIZE = 12
/** listProductsWithSort fetches this many products of a category and sorts and pages them itself. */
export const CATEGORY_PRODUCTS_LIMIT = 100

/** Share of page views per kind of page. */
export const PAGE_MIX = /** @type {const} */ ({ product: 0.6, list: 0.25, category: 0.15 })
/** Share of page views per region: a Danish shop's shoppers are mostly in Denmark. */
export const REGION_MIX = /** @type {const} */ ({ dkk: 0.7, eur: 0.3 })
/** The popularity curve: the k-th most popular item is asked 1/k^s as often as the first. */
export const ZIPF_EXPONENT = 1
/** The same best-sellers in every phase and setup. */
const POPULARITY_SEED = 20_251_130

/** Where the answer came from (docs/operations.md "Store API cache"); "none" is counted for an answer without it (stock). */
const CACHE_HEADER = "x-store-cache"
/** A page render waits for its data; autocannon's default of 10 s would count stock's slow answers as errors without their latency. */
const REQUEST_TIMEOUT_SECONDS = 30

/**
 * @typedef {{ dkk: string, eur: string }} RegionIds
 * @typedef {{ id: string, handle: string }} Category
 * @typedef {{ regions: RegionIds, handles: string[], categories: Category[], productCount: number }} StorefrontCatalogue
 * @typedef {{ kind: "product" | "list" | "category", paths: string[] }} Page
 * @typedef {{ rps: number, p50: number, p99: number, non2xx: number, errors: number, timeouts: number,
 *   requests: number, cache: Record<string, number>, byKind: Record<string, Record<string, number>> }} StorefrontResult
 */

/**
 * A small seeded PRNG (mulberry32): the same seed gives the same pages.
 * @param {number} seed
 * @returns {() => number} uniform in [0, 1)
 */
export function seededRandom(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/**
 * Picks an index in [0, count) with Zipf-like popularity: index k (0-based)
 * has weight 1 / (k + 1)^exponent.
 * @param {number} count
 * @param {number} exponent
 * @param {() => number} random
 * @returns {() => number}
 */
export function zipfPicker(count, exponent, random) {
  if (count < 1) throw new Error("zipfPicker: nothing to pick from")
  const cumulative = new Float64Array(count)
  let total = 0
  for (let k = 0; k < count; k++) {
    total += 1 / (k + 1) ** exponent
    cumulative[k] = total
  }
  return () => {
    const target = random() * total
    let low = 0
    let high = count - 1
    while (low < high) {
      const middle = (low + high) >>> 1
      if (/** @type {number} */ (cumulative[middle]) <= target) low = middle + 1
      else high = middle
    }
    return low
  }
}

/**
 * A copy of items in a random order (Fisher–Yates).
 * @template T
 * @param {readonly T[]} items
 * @param {() => number} random
 * @returns {T[]}
 */
export function shuffled(items, random) {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [/** @type {T} */ (copy[j]), /** @type {T} */ (copy[i])]
  }
  return copy
}

/**
 * A query string as the storefront's `sdk.client.fetch` builds it.
 * @param {Record<string, unknown>} query
 */
export const sdkQuery = (query) => stringify(query, { skipNulls: true })

/**
 * The Store API paths of one page.
 * @param {"product" | "list" | "category"} kind
 * @param {{ regionId: string, handle?: string, page?: number, category?: Category }} what
 * @returns {string[]}
 */
export function pagePaths(kind, { regionId, handle, page = 1, category }) {
  const listProducts = (/** @type {number} */ limit, /** @type {number} */ offset) => ({
    limit,
    offset,
    region_id: regionId,
    fields: PRODUCT_FIELDS,
  })
  if (kind === "product") return [`/store/products?${sdkQuery({ ...listProducts(PAGE_SIZE, 0), handle })}`]
  if (kind === "list") return [`/store/products?${sdkQuery(listProducts(PAGE_SIZE, (page - 1) * PAGE_SIZE))}`]
  if (!category) throw new Error("a category page needs its category")
  return [
    `/store/product-categories?${sdkQuery({ fields: CATEGORY_FIELDS, handle: category.handle })}`,
    `/store/products?${sdkQuery({ ...listProducts(CATEGORY_PRODUCTS_LIMIT, 0), category_id: [category.id], order: "created_at" })}`,
  ]
}

/**
 * An endless sequence of page views over the catalogue: the kind of page by
 * PAGE_MIX, the region by REGION_MIX, the product, list page or category by
 * popularity. `seed` varies the sequence; the popularity order is the same
 * for every seed.
 * @param {StorefrontCatalogue} catalogue
 * @param {number} seed
 * @returns {() => Page}
 */
export function pageViews(catalogue, seed) {
  const ranking = seededRandom(POPULARITY_SEED)
  const handles = shuffled(catalogue.handles, ranking)
  const categories = shuffled(catalogue.categories, ranking)
  const pages = Math.max(1, Math.ceil(catalogue.productCount / PAGE_SIZE))
  const random = seededRandom(seed)
  const pickProduct = zipfPicker(handles.length, ZIPF_EXPONENT, random)
  // Page 1 is the most visited, and each next page less: the same curve, in page order.
  const pickPage = zipfPicker(pages, ZIPF_EXPONENT, random)
  const pickCategory = zipfPicker(categories.length, ZIPF_EXPONENT, random)
  return () => {
    const regionId = random() < REGION_MIX.dkk ? catalogue.regions.dkk : catalogue.regions.eur
    const roll = random()
    if (roll < PAGE_MIX.product) {
      return { kind: "product", paths: pagePaths("product", { regionId, handle: handles[pickProduct()] }) }
    }
    if (roll < PAGE_MIX.product + PAGE_MIX.list) {
      return { kind: "list", paths: pagePaths("list", { regionId, page: pickPage() + 1 }) }
    }
    return { kind: "category", paths: pagePaths("category", { regionId, category: categories[pickCategory()] }) }
  }
}

/**
 * Every product handle, the most popular first: the order pageViews and
 * pathsByPopularity rank products by (the first draw of the popularity seed),
 * so a load that picks products by popularity with this order has the same
 * best-sellers as the page views.
 * @param {StorefrontCatalogue} catalogue
 * @returns {string[]}
 */
export function handlesByPopularity(catalogue) {
  return shuffled(catalogue.handles, seededRandom(POPULARITY_SEED))
}

/**
 * The Zipf weights of `count` items, summing to 1.
 * @param {number} count
 */
function zipfShares(count) {
  const weights = Array.from({ length: count }, (_, k) => 1 / (k + 1) ** ZIPF_EXPONENT)
  const total = weights.reduce((sum, w) => sum + w, 0)
  return weights.map((w) => w / total)
}

/**
 * Every path pageViews can ask, with its expected share of the requests,
 * the most asked first: what a cache warmed by popularity holds first.
 * @param {StorefrontCatalogue} catalogue
 * @returns {{ path: string, share: number }[]}
 */
export function pathsByPopularity(catalogue) {
  const ranking = seededRandom(POPULARITY_SEED)
  const handles = shuffled(catalogue.handles, ranking)
  const categories = shuffled(catalogue.categories, ranking)
  const pages = Math.max(1, Math.ceil(catalogue.productCount / PAGE_SIZE))
  // A category page is two requests, so a page view is 1 + PAGE_MIX.category requests on average.
  const requestsPerView = 1 + PAGE_MIX.category
  /** @type {{ path: string, share: number }[]} */
  const paths = []
  const productShares = zipfShares(handles.length)
  const pageShares = zipfShares(pages)
  const categoryShares = zipfShares(categories.length)
  for (const [currency, regionShare] of Object.entries(REGION_MIX)) {
    const regionId = catalogue.regions[/** @type {keyof RegionIds} */ (currency)]
    handles.forEach((handle, k) => {
      const share = (PAGE_MIX.product * regionShare * /** @type {number} */ (productShares[k])) / requestsPerView
      paths.push({ path: pagePaths("product", { regionId, handle })[0] ?? "", share })
    })
    pageShares.forEach((pageShare, k) => {
      const share = (PAGE_MIX.list * regionShare * pageShare) / requestsPerView
      paths.push({ path: pagePaths("list", { regionId, page: k + 1 })[0] ?? "", share })
    })
    categories.forEach((category, k) => {
      const [lookup, products] = pagePaths("category", { regionId, category })
      const share = (PAGE_MIX.category * regionShare * /** @type {number} */ (categoryShares[k])) / requestsPerView
      // The lookup names no region: both regions' views ask the same one.
      paths.push({ path: lookup ?? "", share }, { path: products ?? "", share })
    })
  }
  /** @type {Map<string, number>} */
  const merged = new Map()
  for (const { path, share } of paths) merged.set(path, (merged.get(path) ?? 0) + share)
  return [...merged].map(([path, share]) => ({ path, share })).sort((a, b) => b.share - a.share)
}

/**
 * @typedef {{ done: number, total: number, failed: number, seconds: number }} PrimeProgress
 */

/**
 * Asks the server for `paths` in order, `concurrency` at a time, until all
 * are answered or, when `limitSeconds` is given, that many seconds pass (the
 * requests under way are still awaited: their answers are being kept). On a
 * cache that keeps what it computes, this caches the most asked pages first,
 * at the rate the server computes pages. Every `progressEverySeconds`,
 * `onProgress` hears how far it is: priming thousands of pages takes minutes.
 * @param {{ url: string, publishableKey: string, paths: { path: string, share: number }[],
 *   concurrency: number, limitSeconds?: number, onProgress?: (progress: PrimeProgress) => void,
 *   progressEverySeconds?: number }} options
 * @returns {Promise<{ primed: number, share: number, failed: number, seconds: number }>}
 */
export async function primeStorefront({
  url,
  publishableKey,
  paths,
  concurrency,
  limitSeconds,
  onProgress,
  progressEverySeconds = 30,
}) {
  const began = Date.now()
  const deadline = limitSeconds === undefined ? Infinity : began + limitSeconds * 1000
  let next = 0
  let primed = 0
  let failed = 0
  let share = 0
  const seconds = () => (Date.now() - began) / 1000
  const ticker = onProgress
    ? setInterval(
        () => onProgress({ done: primed + failed, total: paths.length, failed, seconds: seconds() }),
        progressEverySeconds * 1000
      )
    : undefined
  const worker = async () => {
    while (next < paths.length && Date.now() < deadline) {
      const item = /** @type {{ path: string, share: number }} */ (paths[next++])
      const response = await fetch(`${url}${item.path}`, {
        headers: { "x-publishable-api-key": publishableKey },
      }).catch(() => undefined)
      await response?.arrayBuffer().catch(() => undefined)
      if (response?.ok) {
        primed += 1
        share += item.share
      } else {
        failed += 1
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: concurrency }, worker))
  } finally {
    clearInterval(ticker)
  }
  return { primed, share, failed, seconds: seconds() }
}

/**
 * What the load needs from the running Store API: both regions' ids, every
 * product's handle and every category's id and handle.
 * @param {string} baseUrl
 * @param {string} publishableKey
 * @returns {Promise<StorefrontCatalogue>}
 */
export async function readStorefrontCatalogue(baseUrl, publishableKey) {
  const get = async (/** @type {string} */ path) => {
    const response = await fetch(`${baseUrl}${path}`, { headers: { "x-publishable-api-key": publishableKey } })
    if (!response.ok) {
      throw new Error(`GET ${path} answered ${response.status}: ${(await response.text()).slice(0, 500)}`)
    }
    return response.json()
  }
  const { regions } = await get("/store/regions?fields=id,currency_code")
  const regionOf = (/** @type {string} */ currency) =>
    regions.find((/** @type {{ currency_code: string }} */ r) => r.currency_code === currency)?.id
  const dkk = regionOf("dkk")
  const eur = regionOf("eur")
  /** @type {string[]} */
  const handles = []
  let count = Infinity
  // 1,000 is the most the shop lets a Store API list ask for (src/api/middlewares/hardening/request-sanity.ts).
  for (let offset = 0; offset < count; offset += 1000) {
    const page = await get(`/store/products?fields=handle&limit=1000&offset=${offset}`)
    count = page.count
    handles.push(...page.products.map((/** @type {{ handle: string }} */ p) => p.handle))
    if (!page.products.length) break
  }
  const { product_categories: categories } = await get("/store/product-categories?fields=id,handle&limit=1000")
  if (!dkk || !eur || !handles.length || !categories.length) {
    throw new Error("the storefront load needs a DKK and an EUR region, products and categories")
  }
  return {
    regions: { dkk, eur },
    handles,
    categories: categories.map((/** @type {Category} */ c) => ({ id: c.id, handle: c.handle })),
    productCount: count,
  }
}

/**
 * The header's value in autocannon's header object (names as the server sent them).
 * @param {Record<string, unknown>} headers
 * @returns {string}
 */
function cacheState(headers) {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === CACHE_HEADER) return String(value)
  }
  return "none"
}

/**
 * One autocannon run of page views against url. Every request is a page's
 * first call, or the second call of the page its connection just asked (a
 * category's products); each answer's `x-store-cache` is counted, per kind
 * of call. With `overallRate`, the connections together send at most that
 * many requests a second (a steady traffic beside another load) instead of
 * as many as the server answers.
 * @param {{ url: string, publishableKey: string, nextPage: () => Page, seconds: number, overallRate?: number }} options
 * @returns {Promise<StorefrontResult>}
 */
export async function driveStorefront({ url, publishableKey, nextPage, seconds, overallRate }) {
  /** @type {Record<string, number>} */
  const cache = {}
  /** @type {Record<string, Record<string, number>>} */
  const byKind = {}
  /** @param {number} _status @param {string} _body @param {Record<string, any>} context @param {Record<string, unknown>} headers */
  const count = (_status, _body, context, headers) => {
    const state = cacheState(headers)
    cache[state] = (cache[state] ?? 0) + 1
    const kind = (byKind[context.kind] ??= {})
    kind[state] = (kind[state] ?? 0) + 1
  }
  const requests = [
    {
      method: "GET",
      /** @param {any} request @param {Record<string, any>} context */
      setupRequest: (request, context) => {
        const page = nextPage()
        context.kind = page.kind
        context.then = page.paths[1]
        return { ...request, path: page.paths[0] }
      },
      onResponse: count,
    },
    {
      method: "GET",
      // Nothing more for this page: autocannon starts the next page (a new context) on this connection.
      /** @param {any} request @param {Record<string, any>} context */
      setupRequest: (request, context) => {
        if (!context.then) return undefined
        context.kind = `${context.kind} products`
        return { ...request, path: context.then }
      },
      onResponse: count,
    },
  ]
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: REQUEST_TIMEOUT_SECONDS,
    headers: { "x-publishable-api-key": publishableKey },
    requests,
    ...(overallRate === undefined ? {} : { overallRate }),
  })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    // autocannon counts a timeout among its errors too.
    errors: result.errors,
    timeouts: result.timeouts,
    requests: Object.values(cache).reduce((sum, n) => sum + n, 0),
    cache,
    byKind,
  }
}

/**
 * "hit 97.0%, redis 1.2%, miss 1.8%": the answers by `x-store-cache`, largest first.
 * @param {Record<string, number>} cache
 */
export function describeCache(cache) {
  const total = Object.values(cache).reduce((sum, n) => sum + n, 0)
  return Object.entries(cache)
    .sort(([, a], [, b]) => b - a)
    .map(([state, n]) => `${state} ${((n / total) * 100).toFixed(1)}%`)
    .join(", ")
}
