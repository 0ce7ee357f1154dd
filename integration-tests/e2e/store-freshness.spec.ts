/**
 * Never stale: with two server processes of the built shop (the global
 * setup's and a second replica, as Railway runs them), every change staff
 * make in the admin shows on both within a second, whatever the servers
 * cached: a price, a stock level, a product, a category, a price list, and a
 * price list reaching its start and end time. Answers are kept until such a
 * change (not for a fixed time), are shared through the cache Redis, and a
 * change to one product leaves the other products' pages cached. Each case first asks both
 * replicas, so the old answer is cached where it can be, then changes it
 * through the Admin API and measures until both answer the new value.
 */
import { spawnSync } from "node:child_process"
import { adminApi, type AdminApi } from "./lib/admin-api"
import { createOwnProduct, expectOk, type OwnProduct } from "./lib/catalogue-fixture"
import { startServerReplica, type Replica } from "./lib/replica"
import { sql } from "./lib/database"
import { logOf, REPO, runningShop } from "./lib/shop"

jest.setTimeout(4 * 60 * 1000)

const shop = runningShop()
const REPLICA_PORT = 19203
/** The promise: a change shows on every replica within this time. */
const WITHIN_MS = 1000
const POLL_MS = 20

let admin: AdminApi
let replica: Replica
let own: OwnProduct
let regionId: string
const figures: string[] = []

async function store(baseUrl: string, path: string): Promise<{ status: number; body: any; cache: string | null }> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { "x-publishable-api-key": shop.publishableKey } })
  return { status: response.status, body: await response.json(), cache: response.headers.get("x-store-cache") }
}

const servers = () => [shop.serverUrl, replica.url]

/** The product page query of the Next.js starter, for the spec's own product. */
const productPage = () =>
  `/store/products?handle=${own.handle}&region_id=${regionId}&fields=*variants.calculated_price,+variants.inventory_quantity`

const variantOf = (body: any) => body.products[0].variants[0]
const priceOf = (body: any) => variantOf(body).calculated_price.calculated_amount

/**
 * Milliseconds from `since` until every server answers `path` with `expected`
 * (as read by `read`); fails once WITHIN_MS is well past.
 */
async function untilEveryServerShows<T>(
  what: string,
  path: string,
  read: (body: any) => T,
  expected: T,
  since: number
): Promise<number> {
  const pending = new Set(servers())
  const seen: Record<string, unknown> = {}
  while (Date.now() - since < WITHIN_MS + 2000) {
    for (const server of [...pending]) {
      // An idle keep-alive connection the server closes just as it is reused fails once; the next poll asks again.
      const answer = await store(server, path).catch((error: Error) => error)
      if (answer instanceof Error) {
        seen[server] = `${answer.message} (${String((answer as { cause?: { message?: string } }).cause?.message)})`
        continue
      }
      seen[server] = answer.status === 200 ? read(answer.body) : `HTTP ${answer.status}`
      if (seen[server] === expected) pending.delete(server)
    }
    if (!pending.size) {
      const ms = Date.now() - since
      figures.push(`${what}: ${ms} ms`)
      return ms
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
  throw new Error(`${what}: still ${JSON.stringify(seen)} after ${Date.now() - since} ms, expected ${expected}`)
}

/** Asks every server, so whatever can be cached is cached, and checks they agree on the value. */
async function warm<T>(path: string, read: (body: any) => T, expected: T): Promise<void> {
  for (const server of servers()) {
    for (let i = 0; i < 3; i++) {
      const answer = await store(server, path)
      expect(answer.status).toBe(200)
      expect(read(answer.body)).toBe(expected)
    }
  }
}

beforeAll(async () => {
  admin = await adminApi(shop)
  replica = await startServerReplica(shop, REPLICA_PORT)
  const { regions } = (await store(shop.serverUrl, "/store/regions")).body
  regionId = regions.find((r: any) => r.currency_code === "dkk").id
  own = await createOwnProduct(admin, shop.publishableKey, `f${Date.now()}`, 200)
  // The creation's own invalidations (its prices, its stock) and their warm-ups are done by then.
  await new Promise((resolve) => setTimeout(resolve, 1500))
})

afterAll(async () => {
  console.log(`store freshness (admin change -> both replicas):\n  ${figures.join("\n  ")}`)
  await replica?.stop()
})

describe("a change in the admin on two server replicas", () => {
  it("serves the cached catalogue from memory on both replicas", async () => {
    await warm(productPage(), priceOf, 200)
    for (const server of servers()) expect((await store(server, productPage())).cache).toBe("hit")
  })

  it("answers repeated requests before Express: Medusa's access log has only the first", async () => {
    // A URL no other test asks for; Medusa logs every request Express handles as one JSON line.
    const path = `${productPage()}&limit=7`
    const logs = [shop.logs.server, replica.log]
    const answers: Record<string, Array<string | null>> = {}
    for (const server of servers()) {
      answers[server] = []
      for (let i = 0; i < 5; i++) answers[server].push((await store(server, path)).cache)
    }
    // The second replica's first answer is the first one's, from the cache Redis: a new replica starts warm.
    expect(answers).toEqual({
      [shop.serverUrl]: ["miss", "hit", "hit", "hit", "hit"],
      [replica.url]: ["redis", "hit", "hit", "hit", "hit"],
    })
    await new Promise((resolve) => setTimeout(resolve, 500))
    const logged = logs.map(
      (log) =>
        logOf(log)
          .split("\n")
          .filter((line) => line.includes(`"path":"${path}"`)).length
    )
    expect(logged).toEqual([1, 1])
  })

  it("keeps an answer until a change invalidates it, not for a fixed half second", async () => {
    const path = `${productPage()}&limit=5`
    for (const server of servers()) await store(server, path)
    await new Promise((resolve) => setTimeout(resolve, 2000))
    for (const server of servers()) expect((await store(server, path)).cache).toBe("hit")
  })

  it("keeps other products' pages when one product changes, and shows the change on its page and in the lists", async () => {
    const other = await createOwnProduct(admin, shop.publishableKey, `o${Date.now()}`, 100)
    const otherPage = `/store/products?handle=${other.handle}&region_id=${regionId}&fields=*variants.calculated_price`
    // A category page: a list, whose entry any product's change drops.
    const list = `/store/products?category_id[]=${own.categoryId}&region_id=${regionId}&fields=id,subtitle`
    const subtitleIn = (body: any) => body.products.find((p: any) => p.id === own.productId)?.subtitle
    // The creation's own invalidations (its stock, its prices) are done by then.
    await new Promise((resolve) => setTimeout(resolve, WITHIN_MS))
    for (const server of servers()) {
      await store(server, otherPage)
      await store(server, list)
      await store(server, productPage())
    }
    const subtitle = `s${Date.now()}`
    expectOk("subtitle", await admin.post(`/admin/products/${own.productId}`, { subtitle }), (b) => b)
    await untilEveryServerShows("subtitle in a list", list, subtitleIn, subtitle, Date.now())
    await untilEveryServerShows(
      "subtitle on the page",
      productPage(),
      (b) => b.products[0].subtitle,
      subtitle,
      Date.now()
    )
    // Had the other product's entry been dropped, the replica that did not warm it up would answer from Redis.
    for (const server of servers()) {
      expect([server, (await store(server, otherPage)).cache]).toEqual([server, "hit"])
    }
  })

  it("shows a new price within a second", async () => {
    await warm(productPage(), priceOf, 200)
    expectOk(
      "price",
      await admin.post(`/admin/products/${own.productId}/variants/${own.variantId}`, {
        prices: [
          { currency_code: "dkk", amount: 180 },
          { currency_code: "eur", amount: 26 },
        ],
      }),
      (b) => b
    )
    expect(await untilEveryServerShows("price", productPage(), priceOf, 180, Date.now())).toBeLessThanOrEqual(WITHIN_MS)
  })

  it("shows a new stock level within a second", async () => {
    const stock = (body: any) => variantOf(body).inventory_quantity
    await warm(productPage(), stock, 10)
    expectOk(
      "stock",
      await admin.post(`/admin/inventory-items/${own.inventoryItemId}/location-levels/${own.locationId}`, {
        stocked_quantity: 3,
      }),
      (b) => b
    )
    expect(await untilEveryServerShows("stock", productPage(), stock, 3, Date.now())).toBeLessThanOrEqual(WITHIN_MS)
  })

  it("shows a product's new title within a second", async () => {
    const path = `/store/products/${own.productId}`
    const title = (body: any) => body.product.title
    const before = (await store(shop.serverUrl, path)).body.product.title
    await warm(path, title, before)
    expectOk("title", await admin.post(`/admin/products/${own.productId}`, { title: `${before} (ny)` }), (b) => b)
    expect(await untilEveryServerShows("title", path, title, `${before} (ny)`, Date.now())).toBeLessThanOrEqual(
      WITHIN_MS
    )
  })

  it("shows a category's new name within a second", async () => {
    const path = `/store/product-categories?id=${own.categoryId}`
    const name = (body: any) => body.product_categories[0]?.name
    const before = (await store(shop.serverUrl, path)).body.product_categories[0].name
    await warm(path, name, before)
    expectOk(
      "category",
      await admin.post(`/admin/product-categories/${own.categoryId}`, { name: `${before} B` }),
      (b) => b
    )
    expect(await untilEveryServerShows("category", path, name, `${before} B`, Date.now())).toBeLessThanOrEqual(
      WITHIN_MS
    )
  })

  it("shows a sale price list within a second of creating it, and the old price within a second of deleting it", async () => {
    await warm(productPage(), priceOf, 180)
    const list = expectOk(
      "price list",
      await admin.post("/admin/price-lists", {
        title: "Black Friday",
        description: "freshness",
        type: "sale",
        status: "active",
        prices: [{ variant_id: own.variantId, currency_code: "dkk", amount: 150 }],
      }),
      (b) => b.price_list
    )
    expect(
      await untilEveryServerShows("price list created", productPage(), priceOf, 150, Date.now())
    ).toBeLessThanOrEqual(WITHIN_MS)
    expect((await admin.delete(`/admin/price-lists/${list.id}`)).status).toBe(200)
    expect(
      await untilEveryServerShows("price list deleted", productPage(), priceOf, 180, Date.now())
    ).toBeLessThanOrEqual(WITHIN_MS)
  })

  it("starts and ends a scheduled price list at its times, on both replicas", async () => {
    await warm(productPage(), priceOf, 180)
    const startsAt = Date.now() + 4000
    const endsAt = startsAt + 4000
    expectOk(
      "scheduled price list",
      await admin.post("/admin/price-lists", {
        title: "Weekend",
        description: "freshness",
        type: "sale",
        status: "active",
        starts_at: new Date(startsAt).toISOString(),
        ends_at: new Date(endsAt).toISOString(),
        prices: [{ variant_id: own.variantId, currency_code: "dkk", amount: 120 }],
      }),
      (b) => b
    )
    await warm(productPage(), priceOf, 180)
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, startsAt - Date.now() - 300)))
    await warm(productPage(), priceOf, 180)
    expect(await untilEveryServerShows("scheduled start", productPage(), priceOf, 120, startsAt)).toBeLessThanOrEqual(
      WITHIN_MS
    )
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, endsAt - Date.now() - 300)))
    await warm(productPage(), priceOf, 120)
    expect(await untilEveryServerShows("scheduled end", productPage(), priceOf, 180, endsAt)).toBeLessThanOrEqual(
      WITHIN_MS
    )
  })

  it("has a changed product's page computed again before a shopper asks: no replica answers it with a miss", async () => {
    const title = (body: any) => body.products[0]?.title
    const before = title((await store(shop.serverUrl, productPage())).body)
    await warm(productPage(), title, before)
    const warmedUp = new RegExp(
      `\\[store-cache\\] warmed up [1-9]\\d* of \\d+ answers .* after .*product:${own.productId}`,
      "g"
    )
    const warmUps = () => (logOf(shop.logs.server) + logOf(replica.log)).match(warmedUp)?.length ?? 0
    const warmUpsBefore = warmUps()
    expectOk("title", await admin.post(`/admin/products/${own.productId}`, { title: `${before} W` }), (b) => b)
    // Nobody asks until one replica says it computed the product's answers again.
    const since = Date.now()
    while (warmUps() === warmUpsBefore) {
      if (Date.now() - since > 20_000) throw new Error(`no warm-up after product:${own.productId} in 20 s`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const answers = []
    for (const server of servers()) {
      const answer = await store(server, productPage())
      answers.push([answer.cache === "hit" || answer.cache === "redis" ? "ready" : answer.cache, title(answer.body)])
    }
    expect(answers).toEqual([
      ["ready", `${before} W`],
      ["ready", `${before} W`],
    ])
  })

  it("shows a change made straight in the database on both replicas after npm run store-cache:flush, and computes the catalogue again", async () => {
    const path = `/store/products/${own.productId}`
    const title = (body: any) => body.product.title
    const before = (await store(shop.serverUrl, path)).body.product.title
    await warm(path, title, before)
    for (const server of servers()) expect((await store(server, productPage())).status).toBe(200)
    const changed = `${before} (sql)`
    await sql(shop, "update product set title = $1 where id = $2", [changed, own.productId])
    // No event announces it: both replicas go on answering what they hold.
    for (const server of servers()) expect(title((await store(server, path)).body)).toBe(before)

    const warmedAll = /\[store-cache\] warmed up [1-9]\d* of \d+ answers in \d+ ms after all/g
    const warmUps = () => (logOf(shop.logs.server) + logOf(replica.log)).match(warmedAll)?.length ?? 0
    const warmUpsBefore = warmUps()
    const flush = spawnSync("npm", ["run", "--silent", "store-cache:flush"], {
      cwd: REPO,
      env: shop.env,
      encoding: "utf8",
    })
    expect(flush.stdout).toMatch(/^store-cache:flush: every server's store cache is emptied/m)
    expect(flush.status).toBe(0)
    expect(await untilEveryServerShows("store-cache:flush", path, title, changed, Date.now())).toBeLessThanOrEqual(
      WITHIN_MS
    )

    // The storefront's page of the product, asked before the flush and not since, is computed again unasked.
    const since = Date.now()
    while (warmUps() === warmUpsBefore) {
      if (Date.now() - since > 30_000) throw new Error("no warm-up after all in 30 s")
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const pageTitle = (body: any) => body.products[0]?.title
    const answers = []
    for (const server of servers()) {
      const answer = await store(server, productPage())
      answers.push([
        answer.cache === "hit" || answer.cache === "redis" ? "ready" : answer.cache,
        pageTitle(answer.body),
      ])
    }
    expect(answers).toEqual([
      ["ready", changed],
      ["ready", changed],
    ])
  })
})
