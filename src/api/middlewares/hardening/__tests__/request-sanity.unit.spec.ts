import { problemWith } from "../request-sanity"

const request = (url: string, body?: unknown, query: Record<string, unknown> = {}) => ({
  originalUrl: url,
  path: url.replace(/^\/(store|admin)/, "").split("?")[0],
  query,
  body,
})

describe("request sanity", () => {
  it("lets an ordinary storefront and admin request through", () => {
    expect(
      problemWith(
        request("/store/products", undefined, { limit: "12", offset: "24", order: "-created_at,title" }),
        "store"
      )
    ).toBeUndefined()
    expect(
      problemWith(request("/store/carts/cart_1/line-items", { variant_id: "variant_1", quantity: 2 }), "store")
    ).toBeUndefined()
    expect(
      problemWith(request("/admin/products", { title: "Serum", variants: [{ prices: [{ amount: 199 }] }] }), "admin")
    ).toBeUndefined()
    expect(problemWith(request("/admin/uploads/1701-rose.png"), "admin")).toBeUndefined()
  })

  it.each([
    [{ limit: "-1" }, "limit must be a whole number from 0 to 1000"],
    [{ limit: "99999999999" }, "limit must be a whole number from 0 to 1000"],
    [{ limit: "1e3" }, "limit must be a whole number from 0 to 1000"],
    [{ limit: ["1", "2"] }, "limit must be a whole number from 0 to 1000"],
    [{ offset: "-5" }, "offset must be a whole number from 0"],
    [{ offset: "abc" }, "offset must be a whole number from 0"],
    [{ order: ";DROP TABLE product" }, "order must be field names, each optionally with a leading -"],
    [{ order: { $ne: "x" } }, "order must be field names, each optionally with a leading -"],
  ])("refuses the Store API query %j", (query, message) => {
    expect(problemWith(request("/store/products", undefined, query), "store")).toBe(message)
  })

  it.each([
    [{ created_at: { $gt: "yesterday-ish" } }, "created_at must be a date"],
    [{ created_at: "" }, "created_at must be a date"],
    [{ $and: [{ updated_at: { $lte: ["2024-01-01", "soon"] } }] }, "updated_at must be a date"],
    [{ "a.b.c": "1" }, "a query key has at most one dot (a.b)"],
  ])("refuses the Admin API query %j", (query, message) => {
    expect(problemWith(request("/admin/orders", undefined, query), "admin")).toBe(message)
  })

  it("lets dates through that have digits or are PostgreSQL's words, and keys with one dot", () => {
    for (const query of [
      { created_at: { $gte: "2024-01-01T00:00:00.000Z", $lt: "19990108" } },
      { updated_at: "today" },
      { deleted_at: ["-infinity", "Epoch"] },
      { "variants.sku": "SERUM-1" },
    ]) {
      expect(problemWith(request("/admin/orders", undefined, query), "admin")).toBeUndefined()
    }
  })

  it("refuses a body date that is not one, but not an empty one or one in metadata", () => {
    expect(problemWith(request("/admin/price-lists", { title: "x", starts_at: "next week" }), "admin")).toBe(
      "starts_at must be a date"
    )
    expect(problemWith(request("/admin/price-lists", { title: "x", starts_at: "" }), "admin")).toBeUndefined()
    expect(problemWith(request("/admin/products", { metadata: { looked_at: "the moon" } }), "admin")).toBeUndefined()
  })

  it("allows the Admin API a larger page than the Store API", () => {
    expect(problemWith(request("/admin/products", undefined, { limit: "5000" }), "admin")).toBeUndefined()
    expect(problemWith(request("/admin/products", undefined, { limit: "10001" }), "admin")).toMatch(/limit/)
  })

  it.each([
    [{ quantity: 1.5 }, "quantity must be a whole number from 0 to 10000"],
    [{ quantity: -1 }, "quantity must be a whole number from 0 to 10000"],
    [{ quantity: "5" }, "quantity must be a whole number from 0 to 10000"],
    [{ items: [{ quantity: 10001 }] }, "quantity must be a whole number from 0 to 10000"],
    [{ email: `${"a".repeat(3000)}@example.dk` }, "email is longer than 2048 characters"],
    [{ address: { address_1: "Vesterbrogade\u0000" } }, "address_1 contains a NUL character"],
  ])("refuses the Store API body %#", (body, message) => {
    expect(problemWith(request("/store/carts/cart_1", body), "store")).toBe(message)
  })

  it("refuses a negative price on the Admin API, but not long admin texts", () => {
    expect(problemWith(request("/admin/price-lists", { prices: [{ amount: -5 }] }), "admin")).toBe(
      "amount must not be negative"
    )
    expect(problemWith(request("/admin/products", { description: "x".repeat(10_000) }), "admin")).toBeUndefined()
  })

  it.each(["/admin/uploads/..%2F..%2Fetc%2Fpasswd", "/admin/uploads/a%5Cb", "/admin/uploads/%E0%A4%A"])(
    "refuses an upload id with a path in it: %s",
    (url) => {
      expect(problemWith(request(url), "admin")).toBe("an upload id is a file name, not a path")
    }
  )

  it("refuses a NUL byte anywhere in the URL", () => {
    expect(problemWith(request("/store/products/prod_%00"), "store")).toBe("the URL contains a NUL character")
  })
})

describe("request sanity on deep bodies", () => {
  it("refuses a body nested deeper than 32 levels, on both APIs, without overflowing", () => {
    const deep = JSON.parse(`${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`)
    expect(problemWith(request("/store/carts", deep), "store")).toBe("the body is nested more than 32 levels deep")
    expect(problemWith(request("/admin/products", deep), "admin")).toBe("the body is nested more than 32 levels deep")
    const fine = JSON.parse(`${'{"a":'.repeat(10)}1${"}".repeat(10)}`)
    expect(problemWith(request("/admin/products", fine), "admin")).toBeUndefined()
  })
})
