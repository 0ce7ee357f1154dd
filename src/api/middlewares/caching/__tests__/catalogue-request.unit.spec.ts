import { cacheKey, isAnonymousCatalogueRequest, replayableHeaders } from "../catalogue-request"

describe("isAnonymousCatalogueRequest", () => {
  it.each([
    "/store/products",
    "/store/products?region_id=reg_1&fields=*variants.calculated_price",
    "/store/products/prod_01",
    "/store/product-categories",
    "/store/product-categories/pcat_1/",
    "/store/collections",
    "/store/regions/reg_1",
    "/store/product-types",
    "/store/product-tags",
  ])("takes GET %s without credentials", (url) => {
    expect(isAnonymousCatalogueRequest("GET", url, {})).toBe(true)
  })

  it.each([
    "/store/carts/cart_1",
    "/store/customers/me",
    "/store/orders/order_1",
    "/store/shipping-options?cart_id=cart_1",
    "/store/payment-providers?region_id=reg_1",
    "/store/products/prod_1/variants",
    "/admin/products",
    "/store/productsx",
  ])("leaves %s to Medusa", (url) => {
    expect(isAnonymousCatalogueRequest("GET", url, {})).toBe(false)
  })

  it("leaves anything but GET, and any request with a cookie or an Authorization header, to Medusa", () => {
    expect(isAnonymousCatalogueRequest("POST", "/store/products", {})).toBe(false)
    expect(isAnonymousCatalogueRequest("HEAD", "/store/products", {})).toBe(false)
    expect(isAnonymousCatalogueRequest("GET", "/store/products", { cookie: "connect.sid=s%3Aabc" })).toBe(false)
    expect(isAnonymousCatalogueRequest("GET", "/store/products", { authorization: "Bearer eyJ" })).toBe(false)
  })
})

describe("cacheKey", () => {
  const base = { "x-publishable-api-key": "pk_1" }
  it("differs by URL, publishable key, locale and Origin", () => {
    const keys = new Set([
      cacheKey("/store/products", base),
      cacheKey("/store/products?limit=1", base),
      cacheKey("/store/products", { "x-publishable-api-key": "pk_2" }),
      cacheKey("/store/products", { ...base, "x-medusa-locale": "da-DK" }),
      cacheKey("/store/products", { ...base, origin: "https://shop.example.dk" }),
    ])
    expect(keys.size).toBe(5)
  })

  it("holds an Origin only when STORE_CORS allows it, so invented origins share one key", () => {
    const allowed = ["https://shop.example.dk", /^https:\/\/[a-z0-9-]+\.vercel\.app$/]
    const none = cacheKey("/store/products", base, allowed)
    expect(cacheKey("/store/products", { ...base, origin: "https://shop.example.dk" }, allowed)).not.toBe(none)
    expect(cacheKey("/store/products", { ...base, origin: "https://preview-1.vercel.app" }, allowed)).not.toBe(none)
    const invented = new Set(
      Array.from({ length: 50 }, (_, i) =>
        cacheKey("/store/products", { ...base, origin: `https://x${i}.attacker.invalid` }, allowed)
      )
    )
    expect([...invented]).toEqual([none])
  })

  it("is the same for headers that do not change the answer", () => {
    expect(cacheKey("/store/products", { ...base, "user-agent": "a", accept: "*/*" })).toBe(
      cacheKey("/store/products", base)
    )
  })
})

describe("replayableHeaders", () => {
  it("keeps CORS, type and ETag, drops per-connection headers and the cache mark", () => {
    expect(
      replayableHeaders({
        "Content-Type": "application/json; charset=utf-8",
        "access-control-allow-origin": "https://shop.example.dk",
        vary: ["Origin", "Accept-Encoding"],
        etag: 'W/"1"',
        "content-length": 12,
        date: "Mon",
        connection: "keep-alive",
        "x-store-cache": "miss",
      })
    ).toEqual({
      "content-type": "application/json; charset=utf-8",
      "access-control-allow-origin": "https://shop.example.dk",
      vary: "Origin, Accept-Encoding",
      etag: 'W/"1"',
    })
  })

  it("refuses an answer that sets a cookie", () => {
    expect(replayableHeaders({ "set-cookie": ["connect.sid=1"], "content-type": "application/json" })).toBeUndefined()
  })
})
