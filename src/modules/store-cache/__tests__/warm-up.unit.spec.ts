import { cacheKey } from "../../../api/middlewares/caching/catalogue-request"
import { WARM_UP_CONCURRENCY, WarmUp, type WarmUpReport } from "../warm-up"

function recorder(status = 200) {
  const asked: Array<{ url: string; headers: Record<string, string> }> = []
  let open = 0
  let mostOpen = 0
  const request = async (url: string, headers: Record<string, string>) => {
    asked.push({ url, headers })
    open += 1
    mostOpen = Math.max(mostOpen, open)
    await new Promise((resolve) => setTimeout(resolve, 5))
    open -= 1
    return status
  }
  return { asked, request, mostOpen: () => mostOpen }
}

describe("WarmUp", () => {
  it("asks this server again for each dropped answer with the headers its key was made of", async () => {
    const reports: WarmUpReport[] = []
    const { asked, request } = recorder()
    const key = cacheKey("/store/products?handle=serum", {
      "x-publishable-api-key": "pk_1",
      "x-medusa-locale": "en-GB",
      origin: "https://shop.dk",
    })
    await new WarmUp("http://127.0.0.1:9000", (report) => reports.push(report), request).add([key], ["product:p1"])
    expect(asked).toEqual([
      {
        url: "http://127.0.0.1:9000/store/products?handle=serum",
        headers: { "x-publishable-api-key": "pk_1", "x-medusa-locale": "en-GB", origin: "https://shop.dk" },
      },
    ])
    expect(reports).toEqual([{ after: ["product:p1"], asked: 1, answered: 1, failed: 0, ms: expect.any(Number) }])
  })

  it("sends no locale or Origin header the key did not hold, and counts keys it cannot read as failed", async () => {
    const reports: WarmUpReport[] = []
    const { asked, request } = recorder()
    const key = cacheKey("/store/regions", { "x-publishable-api-key": "pk_1" })
    await new WarmUp("http://s", (report) => reports.push(report), request).add([key, "not a key"])
    expect(asked.map((a) => a.headers)).toEqual([{ "x-publishable-api-key": "pk_1" }])
    expect(reports[0]).toMatchObject({ asked: 2, answered: 1, failed: 1 })
  })

  it(`never has more than ${WARM_UP_CONCURRENCY} requests open, and asks a key named twice in one batch once`, async () => {
    const { asked, request, mostOpen } = recorder()
    const keys = Array.from({ length: 10 }, (_, i) => cacheKey(`/store/products/p${i}`, {}))
    const warmUp = new WarmUp("http://s", () => undefined, request)
    await warmUp.add([...keys, ...keys.slice(0, 3)])
    expect(mostOpen()).toBe(WARM_UP_CONCURRENCY)
    expect(asked).toHaveLength(10)
  })

  it("reports answers other than 200 as failed", async () => {
    const reports: WarmUpReport[] = []
    const { request } = recorder(404)
    await new WarmUp("http://s", (report) => reports.push(report), request).add([cacheKey("/store/products/x", {})])
    expect(reports[0]).toMatchObject({ asked: 1, answered: 0, failed: 1 })
  })
})
