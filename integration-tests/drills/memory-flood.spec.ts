/**
 * Anonymous input chosen to grow memory, against the built server: catalogue requests with unique query strings
 * (short ones the store cache may keep, 2 KB ones it must not) and a random Origin each, with the storefront's
 * public publishable key. The server process must never restart, its resident memory stays under 600 MiB, every
 * request is answered without a server error, and afterwards the priced product list still answers (its p99
 * before and after is printed for the issue; speed is the bench's to judge, not a test's).
 *
 * FLOOD_REQUESTS sets the size of the flood: 15,000 by default, which takes about 3 minutes here (each request is a
 * cache miss that costs Medusa a query, about 90 a second on 2 cores) and offers more cacheable keys (12,000) than
 * the cache holds (10,000);
 * FLOOD_REQUESTS=200000 is the full flood of docs/security.md, about 35 minutes.
 */
import { randomBytes } from "node:crypto"
import { runningShop } from "../e2e/lib/shop"
import { largestInGroup, rssOf } from "./lib/memory"

// autocannon ships no types; the part used here is typed as its README documents it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require("autocannon") as (options: Record<string, unknown>) => Promise<AutocannonResult>

interface AutocannonResult {
  requests: { total: number; average: number }
  latency: { p50: number; p99: number; max: number }
  errors: number
  timeouts: number
  non2xx: number
  statusCodeStats: Record<string, { count: number }>
}

const shop = runningShop()
const FLOOD = Number(process.env.FLOOD_REQUESTS ?? 15_000)
// At least 40 requests a second, whatever the flood's size.
jest.setTimeout(5 * 60 * 1000 + (FLOOD / 40) * 1000)
const RSS_LIMIT_MIB = 600
const ROUTES = [
  "/store/products",
  "/store/product-tags",
  "/store/collections",
  "/store/regions",
  "/store/product-categories",
]

const text = (bytes: number) =>
  randomBytes(Math.ceil(bytes / 2))
    .toString("hex")
    .slice(0, bytes)

async function pricedList(regionId: string): Promise<AutocannonResult> {
  return autocannon({
    url: `${shop.serverUrl}/store/products?region_id=${regionId}&fields=*variants.calculated_price`,
    headers: { "x-publishable-api-key": shop.publishableKey },
    connections: 20,
    duration: 10,
  })
}

describe("memory against anonymous input", () => {
  it(`stays bounded through ${FLOOD} requests with unique query strings and random Origins`, async () => {
    const headers = { "x-publishable-api-key": shop.publishableKey }
    const regions = (await (await fetch(`${shop.serverUrl}/store/regions`, { headers })).json()) as {
      regions: { id: string }[]
    }
    const server = largestInGroup(shop.pids.server)
    if (!server) throw new Error(`no process in the server's group ${shop.pids.server}`)
    const before = await pricedList(regions.regions[0].id)
    const startRss = rssOf(server.pid)!

    let peakRss = startRss
    let gone = false
    const sampler = setInterval(() => {
      const rss = rssOf(server.pid)
      if (rss === undefined) gone = true
      else peakRss = Math.max(peakRss, rss)
    }, 250)
    let n = 0
    const started = Date.now()
    const flood = await autocannon({
      url: shop.serverUrl,
      connections: 50,
      amount: FLOOD,
      timeout: 30,
      requests: [
        {
          method: "GET",
          setupRequest: (request: { path: string; headers: Record<string, string> }) => {
            n += 1
            const route = ROUTES[n % ROUTES.length]
            // One in five carries 2 KB of query: longer than any key the cache keeps.
            const q = n % 5 === 0 ? text(2_048) : `${text(16)}-${n}`
            request.path = `${route}?q=${q}`
            request.headers = { ...headers, origin: `https://${text(12)}.example.invalid` }
            return request
          },
        },
      ],
    })
    clearInterval(sampler)
    const seconds = (Date.now() - started) / 1000
    const after = await pricedList(regions.regions[0].id)
    const endRss = rssOf(server.pid)

    const statuses = Object.fromEntries(Object.entries(flood.statusCodeStats).map(([code, { count }]) => [code, count]))
    console.log(
      `memory flood: ${flood.requests.total} requests in ${seconds.toFixed(0)} s (${(flood.requests.total / seconds).toFixed(0)}/s), ` +
        `statuses ${JSON.stringify(statuses)}, errors ${flood.errors}, timeouts ${flood.timeouts}; ` +
        `server pid ${server.pid} RSS ${startRss.toFixed(0)} → peak ${peakRss.toFixed(0)} → ${endRss?.toFixed(0)} MiB; ` +
        `priced list p99 ${before.latency.p99} ms before (${before.requests.average} req/s), ` +
        `${after.latency.p99} ms after (${after.requests.average} req/s)`
    )
    expect(gone).toBe(false)
    expect(largestInGroup(shop.pids.server)?.pid).toBe(server.pid)
    expect(flood.requests.total).toBe(FLOOD)
    expect(flood.errors + flood.timeouts).toBe(0)
    expect(Object.keys(statuses).filter((code) => Number(code) >= 500)).toEqual([])
    expect(peakRss).toBeLessThan(RSS_LIMIT_MIB)
    expect(after.non2xx + after.errors + after.timeouts).toBe(0)
    expect(after.requests.total).toBeGreaterThan(0)
  })
})
