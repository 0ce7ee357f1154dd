import { markServingStoreApi, storeCache } from "../../../api/middlewares/caching/store-cache"
import StoreCacheService from "../service"

const answer = { body: Buffer.from("{}"), headers: {} }

interface Logged {
  level: string
  line: string
}

/** The service as Medusa builds it in a process without Redis, with an event bus that hands over its interceptor. */
async function startedService(graph: (config: any) => Promise<{ data: any[] }>) {
  let intercept!: (event: { name: string; data?: unknown }) => unknown
  const logged: Logged[] = []
  const log = (level: string) => (line: string) => logged.push({ level, line })
  const service = new StoreCacheService({
    event_bus: { addInterceptor: (interceptor) => (intercept = interceptor) },
    logger: { info: log("info"), warn: log("warn"), error: log("error"), debug: log("debug") } as any,
    query: { graph },
  })
  await service.start()
  const emit = async (name: string, data: unknown) => {
    intercept({ name, data })
    // The interceptor's lookups are asynchronous.
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return { service, emit, logged }
}

function fill() {
  storeCache.invalidate(undefined)
  storeCache.begin("page-1")(answer, ["all", "product:prod_1"])
  storeCache.begin("page-2")(answer, ["all", "product:prod_2"])
  storeCache.begin("list")(answer, ["all", "lists"])
}

const cached = () => ["page-1", "page-2", "list"].filter((key) => storeCache.get(key))

describe("StoreCacheService (no Redis, one process)", () => {
  const graph = jest.fn(async ({ entity, filters }: any) => {
    if (entity === "product_variant") return { data: filters.id.map((id: string) => ({ id, product_id: "prod_1" })) }
    if (entity === "inventory_level") return { data: [{ id: filters.id[0], inventory_item_id: "iitem_1" }] }
    if (entity === "product_variant_inventory_item") return { data: [{ variant_id: "variant_1" }] }
    if (entity === "price_list") return { data: [] }
    throw new Error(`unexpected entity ${entity}`)
  })

  it("drops a product's pages and the lists for the product's own event, and nothing for a cart's", async () => {
    const { emit } = await startedService(graph)
    fill()
    await emit("cart.updated", { id: "cart_1" })
    expect(cached()).toEqual(["page-1", "page-2", "list"])
    await emit("product.updated", { id: "prod_1" })
    expect(cached()).toEqual(["page-2"])
  })

  it("finds the product of a variant and of a stock level before dropping", async () => {
    const { emit } = await startedService(graph)
    fill()
    await emit("product-variant.updated", { id: "variant_1" })
    expect(cached()).toEqual(["page-2"])
    fill()
    await emit("inventory-level.updated", { id: "ilev_1" })
    expect(cached()).toEqual(["page-2"])
  })

  it("drops everything for an event no rule knows, and says so at info", async () => {
    const { emit, logged } = await startedService(graph)
    fill()
    await emit("region.updated", { id: "reg_1" })
    expect(cached()).toEqual([])
    expect(logged).toContainEqual({ level: "info", line: "[store-cache] everything invalidated: region.updated" })
  })

  it("drops everything when a lookup fails, naming the failure", async () => {
    const failing = jest.fn(async ({ entity }: any) => {
      if (entity === "price_list") return { data: [] }
      throw new Error("database away")
    })
    const { emit, logged } = await startedService(failing)
    fill()
    await emit("reservation-item.created", { id: "resitem_1" })
    expect(cached()).toEqual([])
    expect(logged.map((l) => l.line)).toContainEqual(
      "[store-cache] everything invalidated: reservation-item.created (lookup failed: database away)"
    )
  })

  it("drops nothing for stock of an inventory item no variant uses", async () => {
    const unlinked = jest.fn(async ({ entity }: any) => {
      if (entity === "inventory_level") return { data: [{ inventory_item_id: "iitem_9" }] }
      return { data: [] }
    })
    const { emit } = await startedService(unlinked)
    fill()
    await emit("inventory-level.updated", { id: "ilev_9" })
    expect(cached()).toEqual(["page-1", "page-2", "list"])
  })

  it("keeps answers only 500 ms and logs an error when the event bus offers no interceptors", async () => {
    const logged: Logged[] = []
    const service = new StoreCacheService({
      event_bus: {},
      logger: { error: (line: string) => logged.push({ level: "error", line }) } as any,
      query: { graph },
    })
    await service.start()
    expect(storeCache.maxAgeMs).toBe(500)
    expect(logged[0].line).toMatch(/^\[store-cache\] Medusa's event bus has no addInterceptor/)
    storeCache.confirmInvalidations(true)
  })

  it("empties this process's answers on store-cache:flush and says no other server can be reached without Redis", async () => {
    const { service } = await startedService(graph)
    fill()
    await expect(service.flushEverywhere("a test")).resolves.toBe("nowhere else")
    expect(cached()).toEqual([])
  })

  it("reads the price lists' times only in a process that answers the Store API, not in a medusa exec script", async () => {
    const priceListReads = () => graph.mock.calls.filter(([config]) => config.entity === "price_list").length
    graph.mockClear()
    await startedService(graph)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(priceListReads()).toBe(0)
    markServingStoreApi()
    await startedService(graph)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(priceListReads()).toBe(1)
  })
})
