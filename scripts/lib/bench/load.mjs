// @ts-check
/**
 * The load phase of `npm run bench`: the Store API calls a storefront makes,
 * each driven by autocannon at 50 connections for a warm-up (not counted) and
 * then the measured seconds.
 */
// @ts-ignore autocannon ships no types; its result's fields are read below as documented in its README.
import autocannon from "autocannon"

export const CONNECTIONS = 50

/**
 * @typedef {import("./shop.mjs").Catalogue} Catalogue
 * @typedef {{ name: string, label: string, requests: (c: Catalogue) => any[], minSeconds?: number }} Endpoint
 * @typedef {{ rps: number, p50: number, p99: number, non2xx: number, errors: number }} LoadResult
 */

const PRICES = "fields=*variants.calculated_price"

/**
 * The cart's id in a POST /store/carts answer; undefined for anything else,
 * so the add-to-cart step is skipped (autocannon starts the sequence over).
 * @param {string} body
 * @returns {string | undefined}
 */
function cartId(body) {
  try {
    return JSON.parse(body).cart?.id
  } catch {
    return undefined
  }
}

/** @type {Endpoint[]} */
export const ENDPOINTS = [
  {
    name: "price-list",
    label: "`GET /store/products?region_id=…&fields=*variants.calculated_price`",
    requests: (c) => [{ method: "GET", path: `/store/products?region_id=${c.regionId}&${PRICES}` }],
  },
  {
    name: "product-page",
    label: "`GET /store/products?handle=…&region_id=…&fields=…,+variants.inventory_quantity` (Next.js starter)",
    requests: (c) => [
      {
        method: "GET",
        path: `/store/products?handle=${c.handle}&region_id=${c.regionId}&${PRICES},+variants.inventory_quantity`,
      },
    ],
  },
  {
    name: "product",
    label: "`GET /store/products/:id`",
    requests: (c) => [{ method: "GET", path: `/store/products/${c.productId}` }],
  },
  { name: "regions", label: "`GET /store/regions`", requests: () => [{ method: "GET", path: "/store/regions" }] },
  {
    name: "categories",
    label: "`GET /store/product-categories`",
    requests: () => [{ method: "GET", path: "/store/product-categories" }],
  },
  {
    name: "cart",
    label: "`POST /store/carts` then `POST /store/carts/:id/line-items` (each request counted)",
    // A cart call takes seconds at 50 connections: 8 s would count each connection's first answer only.
    minSeconds: 30,
    requests: (c) => [
      {
        method: "POST",
        path: "/store/carts",
        body: JSON.stringify({ region_id: c.regionId }),
        /** @param {number} status @param {string} body @param {Record<string, unknown>} context */
        onResponse: (status, body, context) => {
          context.cartId = status === 200 ? cartId(body) : undefined
        },
      },
      {
        method: "POST",
        /** @param {any} request @param {Record<string, unknown>} context */
        setupRequest: (request, context) =>
          context.cartId && {
            ...request,
            path: `/store/carts/${context.cartId}/line-items`,
            body: JSON.stringify({ variant_id: c.variantId, quantity: 1 }),
          },
      },
    ],
  },
]

/**
 * One autocannon run against baseUrl.
 * @param {{ url: string, headers: Record<string, string>, requests: any[], seconds: number }} options
 * @returns {Promise<LoadResult>}
 */
export async function drive({ url, headers, requests, seconds }) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers, requests })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

/**
 * Warms an endpoint up, then measures it.
 * @param {{ url: string, publishableKey: string, requests: any[], warmUpSeconds: number, seconds: number }} options
 * @returns {Promise<LoadResult>}
 */
export async function measureEndpoint({ url, publishableKey, requests, warmUpSeconds, seconds }) {
  const headers = { "x-publishable-api-key": publishableKey, "content-type": "application/json" }
  await drive({ url, headers, requests, seconds: warmUpSeconds })
  return drive({ url, headers, requests, seconds })
}
