/**
 * Drill: the cache Redis (CACHE_REDIS_URL) goes away under a running shop while the main Redis stays, and comes
 * back with what it held (append-only file). The Store API keeps answering 200 without it; a change staff make
 * meanwhile shows within a second, because a server that cannot hear invalidations keeps answers only 500 ms;
 * once it is back, the answers it held from before the change are never served (the server invalidates
 * everything on reconnecting), and answers are again kept until invalidated.
 */
import { adminApi, type AdminApi } from "../e2e/lib/admin-api"
import { createOwnProduct, expectOk, type OwnProduct } from "../e2e/lib/catalogue-fixture"
import { logOf, runningShop, waitFor } from "../e2e/lib/shop"
import { waitForRedis } from "../helpers/redis-server"
import { startOwned, stopOwned } from "./lib/owned"
import { CACHE_REDIS_PORT } from "./lib/ports"

jest.setTimeout(4 * 60 * 1000)

const shop = runningShop()
const CACHE_REDIS_URL = `redis://127.0.0.1:${CACHE_REDIS_PORT}`
let admin: AdminApi
let own: OwnProduct
let regionId: string

async function store(path: string): Promise<{ status: number; body: any; cache: string | null }> {
  const response = await fetch(`${shop.serverUrl}${path}`, {
    headers: { "x-publishable-api-key": shop.publishableKey },
  })
  return { status: response.status, body: await response.json(), cache: response.headers.get("x-store-cache") }
}

const page = () => `/store/products?handle=${own.handle}&region_id=${regionId}&fields=title`
const titleOf = (answer: { body: any }) => answer.body.products?.[0]?.title
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

beforeAll(async () => {
  admin = await adminApi(shop)
  regionId = (await store("/store/regions")).body.regions.find((r: any) => r.currency_code === "dkk").id
  own = await createOwnProduct(admin, shop.publishableKey, `away${Date.now()}`, 250)
  // The creation's own invalidations (its prices, its stock) and their warm-ups are done by then.
  await sleep(2000)
})

afterAll(async () => {
  // Whatever happened, the drills after this one get their cache Redis back.
  if (
    !(await waitForRedis(CACHE_REDIS_URL, 500).then(
      () => true,
      () => false
    ))
  ) {
    startOwned("cacheRedis")
    await waitForRedis(CACHE_REDIS_URL, 10_000)
  }
})

it("keeps answering, shows a change made while the cache Redis is away, and never serves what it held from before", async () => {
  const before = titleOf(await store(page()))
  await sleep(1000)
  expect((await store(page())).cache).toBe("hit")

  await stopOwned("cacheRedis")
  const statuses: number[] = []
  for (let i = 0; i < 20; i++) {
    statuses.push((await store(page())).status)
    await sleep(50)
  }
  expect(new Set(statuses)).toEqual(new Set([200]))

  const changed = `${before} (away)`
  expectOk("title", await admin.post(`/admin/products/${own.productId}`, { title: changed }), (b) => b)
  const since = Date.now()
  let seen = before
  while (seen !== changed && Date.now() - since < 3000) {
    seen = titleOf(await store(page()))
    await sleep(20)
  }
  expect(seen).toBe(changed)
  expect(Date.now() - since).toBeLessThanOrEqual(1000 + 200)

  startOwned("cacheRedis")
  await waitForRedis(CACHE_REDIS_URL, 10_000)
  await waitFor(
    "the server's '[store-cache] the store cache's Redis answers again' line",
    async () => (logOf(shop.logs.server).includes("the store cache's Redis answers again") ? true : undefined),
    20_000
  )
  // The cache Redis came back holding the title from before the change, which no invalidation could reach.
  const after = []
  for (let i = 0; i < 5; i++) after.push(titleOf(await store(page())))
  expect(after).toEqual(Array(5).fill(changed))
  // The server's own invalidate-everything comes back to it over pub/sub a moment later and may drop the
  // answer just made; once that has passed, an answer is kept past the outage's 500 ms again.
  await sleep(1000)
  await store(page())
  await sleep(1000)
  expect((await store(page())).cache).toBe("hit")
})
