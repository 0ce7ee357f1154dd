/**
 * Never leaked: an answer that depends on who asks is never served to
 * someone else. Danish and English answers of the same URL are kept apart. A customer in a customer group sees the group's price list
 * whether logged in by token or by session cookie, and anonymous visitors
 * asking the same URL before and after still get the public price from the
 * cache; a customer's own data and a cart are never cached. And a cache
 * outage degrades to uncached answers: a server with Medusa's Caching Module
 * turned on (MEDUSA_FF_CACHING=true) keeps answering when that cache's Redis
 * is gone.
 */
import Redis from "ioredis"
import { startRedisServer, type ThrowawayRedis } from "../helpers/redis-server"
import { adminApi, type AdminApi } from "./lib/admin-api"
import { registerCustomer } from "./lib/customers"
import { createOwnProduct, expectOk, type OwnProduct } from "./lib/catalogue-fixture"
import { startServerReplica, type Replica } from "./lib/replica"
import { runningShop } from "./lib/shop"

jest.setTimeout(4 * 60 * 1000)

const shop = runningShop()
const PUBLIC_DKK = 300
const GROUP_DKK = 99

let admin: AdminApi
let own: OwnProduct
let regionId: string

interface Answer {
  status: number
  body: any
  cache: string | null
  setCookie: string | null
}

async function store(path: string, headers: Record<string, string> = {}, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${shop.serverUrl}${path}`, {
    ...init,
    headers: { "x-publishable-api-key": shop.publishableKey, "content-type": "application/json", ...headers },
  })
  const text = await response.text()
  return {
    status: response.status,
    body: text ? JSON.parse(text) : undefined,
    cache: response.headers.get("x-store-cache"),
    setCookie: response.headers.get("set-cookie"),
  }
}

const pricedPage = () => `/store/products?handle=${own.handle}&region_id=${regionId}&fields=*variants.calculated_price`
const priceOf = (answer: Answer) => answer.body.products[0].variants[0].calculated_price.calculated_amount

beforeAll(async () => {
  admin = await adminApi(shop)
  regionId = (await store("/store/regions")).body.regions.find((r: any) => r.currency_code === "dkk").id
  own = await createOwnProduct(admin, shop.publishableKey, `i${Date.now()}`, PUBLIC_DKK)
})

describe("answers that depend on the language asked for", () => {
  const lipstick = "/store/products?handle=satin-lipstick&fields=title,*options"
  const read = async (path: string, headers: Record<string, string> = {}) => {
    const answer = await store(path, headers)
    return [answer.body.products[0].title, answer.body.products[0].options[0].title, answer.cache]
  }

  it("lists the store's two languages", async () => {
    const { locales } = (await store("/store/locales")).body
    expect(locales.map((l: { code: string }) => l.code).sort()).toEqual(["da-DK", "en-GB"])
  })

  it("serves Danish and English answers of the same URL from the cache, each to its own language", async () => {
    const english = { "x-medusa-locale": "en-GB" }
    const round = async () => [
      await read(lipstick),
      await read(lipstick, english),
      await read(`${lipstick}&locale=en-GB`),
      await read(lipstick),
    ]
    // The first round fills the cache; a later one is answered from it once the events of the file's
    // setup (a product created) have emptied it for the last time.
    let answers = await round()
    for (let attempt = 0; attempt < 40 && !answers.every(([, , cache]) => cache === "hit"); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      answers = await round()
    }
    expect(answers).toEqual([
      ["Satin Læbestift", "Nuance", "hit"],
      ["Satin Lipstick", "Shade", "hit"],
      ["Satin Lipstick", "Shade", "hit"],
      ["Satin Læbestift", "Nuance", "hit"],
    ])
  })
})

describe("answers that depend on who asks", () => {
  let member: { token: string; id: string }
  const password = "correct-horse-battery"

  beforeAll(async () => {
    member = await registerCustomer(shop, `vip-${Date.now()}@example.dk`, password)
    const group = expectOk(
      "customer group",
      await admin.post("/admin/customer-groups", { name: `VIP ${Date.now()}` }),
      (b) => b.customer_group
    )
    expectOk(
      "group members",
      await admin.post(`/admin/customer-groups/${group.id}/customers`, { add: [member.id] }),
      (b) => b
    )
    expectOk(
      "group price list",
      await admin.post("/admin/price-lists", {
        title: "VIP",
        description: "customer group prices",
        type: "sale",
        status: "active",
        rules: { "customer.groups.id": [group.id] },
        prices: [{ variant_id: own.variantId, currency_code: "dkk", amount: GROUP_DKK }],
      }),
      (b) => b
    )
    // The price list's invalidation (everything) and its warm-up are done by then, so what follows is cached.
    await new Promise((resolve) => setTimeout(resolve, 1500))
  })

  it("gives the group price to the logged-in member and the public price to everyone else, from the cache", async () => {
    const before = [await store(pricedPage()), await store(pricedPage())]
    expect(before.map(priceOf)).toEqual([PUBLIC_DKK, PUBLIC_DKK])
    expect(before[1].cache).toBe("hit")

    const asMember = await store(pricedPage(), { authorization: `Bearer ${member.token}` })
    expect(priceOf(asMember)).toBe(GROUP_DKK)
    expect(asMember.cache).toBeNull()

    const after = await store(pricedPage())
    expect(priceOf(after)).toBe(PUBLIC_DKK)
    expect(after.cache).toBe("hit")
  })

  it("gives the group price to a member logged in by session cookie, never from the cache", async () => {
    // Production cookies are Secure: as behind Railway's TLS proxy, the request says it came over https.
    const session = await store(
      "/auth/session",
      { authorization: `Bearer ${member.token}`, "x-forwarded-proto": "https" },
      { method: "POST" }
    )
    expect(session.status).toBe(200)
    const cookie = session.setCookie?.split(";")[0]
    expect(cookie).toMatch(/^connect\.sid=/)
    await store(pricedPage())
    const withCookie = await store(pricedPage(), { cookie: cookie! })
    expect(priceOf(withCookie)).toBe(GROUP_DKK)
    expect(withCookie.cache).toBeNull()
    expect(priceOf(await store(pricedPage()))).toBe(PUBLIC_DKK)
  })

  it("answers each customer's /store/customers/me with their own data", async () => {
    const other = await registerCustomer(shop, `other-${Date.now()}@example.dk`, password)
    const mine = await store("/store/customers/me", { authorization: `Bearer ${member.token}` })
    const theirs = await store("/store/customers/me", { authorization: `Bearer ${other.token}` })
    expect(mine.body.customer.id).toBe(member.id)
    expect(theirs.body.customer.id).toBe(other.id)
    expect([mine.cache, theirs.cache]).toEqual([null, null])
  })

  it("never caches a cart: a line item shows at once", async () => {
    const cart = (await store("/store/carts", {}, { method: "POST", body: JSON.stringify({ region_id: regionId }) }))
      .body.cart
    const empty = await store(`/store/carts/${cart.id}`)
    expect(empty.body.cart.items).toEqual([])
    const added = await store(
      `/store/carts/${cart.id}/line-items`,
      {},
      { method: "POST", body: JSON.stringify({ variant_id: own.variantId, quantity: 2 }) }
    )
    expect(added.status).toBe(200)
    const read = await store(`/store/carts/${cart.id}`)
    expect(read.body.cart.items.map((item: any) => item.quantity)).toEqual([2])
    expect(read.cache).toBeNull()
  })
})

describe("a cache outage", () => {
  let cacheRedis: ThrowawayRedis
  let replica: Replica

  beforeAll(async () => {
    cacheRedis = startRedisServer()
    await cacheRedis.ready()
    // The store cache off, so every request reaches Medusa and its Caching Module.
    replica = await startServerReplica(shop, 19204, {
      MEDUSA_FF_CACHING: "true",
      CACHE_REDIS_URL: cacheRedis.url,
      STORE_CACHE_MAX_AGE_SECONDS: "0",
    })
  })

  afterAll(async () => {
    await replica?.stop()
    await cacheRedis?.stop()
  })

  it("degrades to uncached answers when the Caching Module's Redis is gone", async () => {
    const get = (path: string) =>
      fetch(`${replica.url}${path}`, {
        headers: { "x-publishable-api-key": shop.publishableKey },
        signal: AbortSignal.timeout(15_000),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }))
    const before = await get(pricedPage())
    expect(before.status).toBe(200)
    // The module is on: its entries are in that Redis (Medusa writes them after answering).
    const client = new Redis(cacheRedis.url)
    let keys: string[] = []
    for (let i = 0; i < 50 && !keys.length; i++) {
      keys = await client.keys("mc:*")
      if (!keys.length) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    client.disconnect()
    expect(keys.length).toBeGreaterThan(0)
    await cacheRedis.stop()
    const statuses: number[] = []
    for (const path of [
      pricedPage(),
      `/store/products/${own.productId}`,
      "/store/regions",
      "/store/product-categories",
    ]) {
      const answer = await get(path)
      statuses.push(answer.status)
      if (path === pricedPage())
        expect(answer.body.products[0].variants[0].calculated_price.calculated_amount).toBe(PUBLIC_DKK)
    }
    expect(statuses).toEqual([200, 200, 200, 200])
  })
})
