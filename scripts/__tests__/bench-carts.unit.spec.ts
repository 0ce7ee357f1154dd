/**
 * The carts part of `npm run bench` (scripts/lib/bench/carts.mjs, its table
 * in table.mjs, its section in report.mjs) and what it shares with the
 * others: the shoppers' schedule and choices, the requests as the storefront
 * sends them, the figures, the process tree whose memory it reports, and
 * priming that completes unless capped.
 */
import { benchModuleUrl, evaluate } from "./lib/evaluate-es-module"

/** An expression for storefront.mjs's seeded random source, for the pure functions that take one. */
const random = (seed: number) =>
  `(await import(${JSON.stringify(benchModuleUrl("storefront.mjs"))})).seededRandom(${seed})`

describe("the shoppers' schedule", () => {
  const plan = `m.cartSchedule({ shoppers: 20, intervalMs: 2000, warmUpMs: 10000, measuredMs: 30000 })`

  it("has 20 shoppers change their carts 10 times a second, evenly spaced, in the measured seconds", () => {
    const measured: number[] = evaluate(
      "carts.mjs",
      `${plan}.flatMap((s) => s.operations).filter((o) => o.measured).map((o) => o.at).sort((a, b) => a - b)`
    )
    expect(measured).toHaveLength(300)
    expect(measured[0]).toBe(10_000)
    expect(measured[measured.length - 1]).toBe(39_900)
    expect(new Set(measured.slice(1).map((at, i) => at - (measured[i] as number)))).toEqual(new Set([100]))
  })

  it("makes every cart in the first interval, unmeasured, and plans nothing after the measured seconds", () => {
    const summary = evaluate(
      "carts.mjs",
      `(() => { const p = ${plan}; return { creates: p.map((s) => s.createAt), warmUp: p.flatMap((s) => s.operations).filter((o) => !o.measured).every((o) => o.at < 10000), last: Math.max(...p.flatMap((s) => s.operations.map((o) => o.at))) } })()`
    )
    expect(summary.creates).toEqual(Array.from({ length: 20 }, (_, k) => k * 100))
    expect(summary.warmUp).toBe(true)
    expect(summary.last).toBeLessThan(40_000)
  })

  it("starts an operation at its time, or late as soon as the shopper's previous one ends", () => {
    expect(evaluate("carts.mjs", "[m.startOf(2000, 1500), m.startOf(2000, 2600)]")).toEqual([
      { startAt: 2000, late: false },
      { startAt: 2600, late: true },
    ])
  })
})

describe("a shopper's next operation", () => {
  const lines = (n: number, quantity = 1, max = 3) =>
    JSON.stringify(Array.from({ length: n }, (_, i) => ({ id: `line_${i}`, variantId: `variant_${i}`, quantity, max })))
  const kinds = (linesJson: string, seed: number) =>
    `(await (async () => { const r = ${random(seed)}; const c = {}; for (let i = 0; i < 20000; i++) { const o = m.nextOperation(${linesJson}, r); c[o.kind] = (c[o.kind] ?? 0) + 1 } return c })())`

  it("adds to an empty cart", () => {
    expect(evaluate("carts.mjs", `m.nextOperation([], () => 0.99)`)).toEqual({ kind: "add" })
  })

  it("adds, changes and removes about 50/30/20 while the cart has room", () => {
    const counts = evaluate("carts.mjs", kinds(lines(3), 5))
    expect(counts.add / 20000).toBeCloseTo(0.5, 1)
    expect(counts.change / 20000).toBeCloseTo(0.3, 1)
    expect(counts.remove / 20000).toBeCloseTo(0.2, 1)
  })

  it("only changes or removes once the cart has 6 lines", () => {
    const counts = evaluate("carts.mjs", kinds(lines(6), 6))
    expect(counts.add).toBeUndefined()
    expect(counts.change / 20000).toBeCloseTo(0.6, 1)
    expect(counts.remove / 20000).toBeCloseTo(0.4, 1)
  })

  it("changes a quantity to another one from 1 to the line's most, and never a line that cannot change", () => {
    const changes = evaluate(
      "carts.mjs",
      `(await (async () => { const r = ${random(9)}; const out = []; for (let i = 0; i < 2000; i++) { const o = m.nextOperation([{ id: "a", variantId: "v", quantity: 2, max: 3 }, { id: "b", variantId: "w", quantity: 1, max: 1 }], r); if (o.kind === "change") out.push(o) } return out })())`
    )
    expect(changes.length).toBeGreaterThan(100)
    expect(new Set(changes.map((o: { lineId: string }) => o.lineId))).toEqual(new Set(["a"]))
    expect(new Set(changes.map((o: { quantity: number }) => o.quantity))).toEqual(new Set([1, 3]))
  })
})

describe("the variant a shopper adds", () => {
  it("comes from the popular products first and always has enough in stock", () => {
    const picks = evaluate(
      "carts.mjs",
      `(await (async () => {
        const products = [[{ id: "a1", stock: 40 }, { id: "a0", stock: 0 }], [{ id: "b1", stock: 12 }], [{ id: "c0", stock: 9 }], [{ id: "d1", stock: Infinity }]]
        const pick = m.variantPicker(products, ${random(3)}); const c = {}
        for (let i = 0; i < 20000; i++) { const v = pick(); c[v.id] = (c[v.id] ?? 0) + 1 }
        return c })())`
    )
    expect(Object.keys(picks).sort()).toEqual(["a1", "b1", "d1"])
    expect(picks.b1 / picks.a1).toBeCloseTo(1 / 2, 1)
    expect(picks.d1 / picks.a1).toBeCloseTo(1 / 4, 1)
  })

  it("ranks products as the storefront's page views do", () => {
    const catalogue = JSON.stringify({
      regions: { dkk: "reg_dkk", eur: "reg_eur" },
      handles: Array.from({ length: 50 }, (_, i) => `product-${i}`),
      categories: [{ id: "pcat_0", handle: "category-0" }],
      productCount: 50,
    })
    const [first, mostAskedProductPath] = evaluate(
      "storefront.mjs",
      `[m.handlesByPopularity(${catalogue})[0], m.pathsByPopularity(${catalogue}).find((p) => p.path.includes("handle=") && p.path.includes("reg_dkk")).path]`
    )
    expect(mostAskedProductPath).toMatch(new RegExp(`handle=${first}$`))
  })
})

describe("the cart requests, as the storefront sends them", () => {
  it("asks for the cart page with retrieveCart's fields, encoded as the js-sdk does", () => {
    expect(evaluate("carts.mjs", `m.cartRequest("get", { cartId: "cart_1" })`)).toEqual({
      method: "GET",
      path: "/store/carts/cart_1?fields=%2Aitems%2C%20%2Aregion%2C%20%2Aitems.product%2C%20%2Aitems.variant%2C%20%2Aitems.thumbnail%2C%20%2Aitems.metadata%2C%20%2Bitems.total%2C%20%2Apromotions%2C%20%2Bshipping_methods.name",
    })
  })

  it("creates, looks up, adds, changes and removes on the storefront's paths with its bodies", () => {
    const requests = evaluate(
      "carts.mjs",
      `[m.cartRequest("create", { regionId: "reg_1" }), m.cartRequest("lookup", { cartId: "cart_1" }),
        m.cartRequest("add", { cartId: "cart_1", variantId: "variant_1" }),
        m.cartRequest("change", { cartId: "cart_1", lineId: "cali_1", quantity: 3 }),
        m.cartRequest("remove", { cartId: "cart_1", lineId: "cali_1" })]`
    )
    expect(requests).toEqual([
      { method: "POST", path: "/store/carts", body: '{"region_id":"reg_1"}' },
      { method: "GET", path: "/store/carts/cart_1?fields=id%2Cregion_id" },
      { method: "POST", path: "/store/carts/cart_1/line-items", body: '{"variant_id":"variant_1","quantity":1}' },
      { method: "POST", path: "/store/carts/cart_1/line-items/cali_1", body: '{"quantity":3}' },
      { method: "DELETE", path: "/store/carts/cart_1/line-items/cali_1" },
    ])
  })

  it("reads the lines from a cart answer and from a deletion's parent, and none from an error", () => {
    const item = { id: "cali_1", variant_id: "variant_1", quantity: 2, title: "Serum" }
    expect(
      evaluate(
        "carts.mjs",
        `[m.cartLines({ cart: { items: [${JSON.stringify(item)}] } }), m.cartLines({ deleted: true, parent: { items: [] } }), m.cartLines({ message: "no" }) ?? null]`
      )
    ).toEqual([[{ id: "cali_1", variantId: "variant_1", quantity: 2 }], [], null])
  })
})

describe("the cart figures", () => {
  it("takes nearest-rank percentiles", () => {
    const values = JSON.stringify(Array.from({ length: 100 }, (_, i) => 100 - i))
    expect(evaluate("carts.mjs", `[m.summarize(${values}), m.summarize([])]`)).toEqual([
      { count: 100, p50: 50, p95: 95, p99: 99 },
      { count: 0 },
    ])
  })

  it("measures the mutations of the measured seconds and counts every failure, warm-up included", () => {
    const records = JSON.stringify([
      { kind: "create", ms: 40, status: 200, measured: false },
      { kind: "create", ms: 60, status: 500, measured: false, error: "boom" },
      { kind: "add", ms: 900, status: 200, measured: false },
      { kind: "lookup", ms: 5, status: 200, measured: true },
      { kind: "add", ms: 100, status: 200, measured: true },
      { kind: "get", ms: 30, status: 200, measured: true },
      { kind: "change", ms: 200, status: 400, measured: true, error: "quantity" },
      { kind: "remove", ms: 30000, status: 0, measured: true, error: "timeout" },
    ])
    const figures = evaluate("carts.mjs", `m.cartFigures(${records}, { planned: 4, late: 1, notStarted: 1 })`)
    expect(figures.ops).toEqual({ count: 3, p50: 200, p95: 30000, p99: 30000 })
    expect(figures.byKind.add).toEqual({ count: 1, p50: 100, p95: 100, p99: 100 })
    expect(figures.lookup.count).toBe(1)
    expect(figures.after.p95).toBe(30)
    expect(figures.create).toEqual({ count: 2, p50: 40, p95: 60, p99: 60 })
    expect(figures).toMatchObject({ requests: 8, non2xx: 2, errors: 1, planned: 4, late: 1, notStarted: 1 })
    expect(figures.failures).toEqual({ "create 500": 1, "change 400": 1, "remove timeout": 1 })
    expect(figures.firstFailures).toEqual(["create 500: boom", "change 400: quantity", "remove timeout: timeout"])
  })
})

describe("one shopper alone", () => {
  const records = JSON.stringify([
    { kind: "lookup", ms: 8, status: 200, measured: true },
    { kind: "add", ms: 250, status: 200, measured: true },
    { kind: "get", ms: 40, status: 200, measured: true },
    { kind: "change", ms: 230, status: 200, measured: true },
    { kind: "get", ms: 45, status: 200, measured: true },
    { kind: "remove", ms: 160, status: 404, measured: true },
    { kind: "get", ms: 30000, status: 0, measured: true },
  ])

  it("gives each operation's latency and the server's CPU per operation, with what a CPU second serves", () => {
    const figures = evaluate(
      "carts.mjs",
      `m.aloneFigures(${records}, { cpuBefore: 10.5, cpuAfter: 11.25, operations: 3 })`
    )
    expect(figures.ops).toEqual({ count: 3, p50: 230, p95: 250, p99: 250 })
    expect(figures.byKind.add.p50).toBe(250)
    expect(figures.byKind.remove.p50).toBe(160)
    expect(figures.cpuMsPerOperation).toBe(250)
    expect(figures.operationsPerCpuSecond).toBe(4)
    expect(figures).toMatchObject({ operations: 3, non2xx: 1, errors: 1 })
  })

  it("leaves the CPU figures out when the server's CPU could not be read", () => {
    const figures = evaluate(
      "carts.mjs",
      `m.aloneFigures(${records}, { cpuBefore: undefined, cpuAfter: 3, operations: 3 })`
    )
    expect(figures.cpuMsPerOperation).toBeUndefined()
    expect(figures.operationsPerCpuSecond).toBeUndefined()
  })
})

describe("the carts table", () => {
  const run = (p95: number, extra: object = {}) => ({
    carts: {
      ops: { count: 300, p50: p95 / 3, p95, p99: p95 * 2 },
      byKind: { add: { p95 }, change: { p95 }, remove: { p95 } },
      lookup: { p95: 10 },
      after: { p95: 50 },
      create: { p50: 80 },
      non2xx: 0,
      errors: 0,
      late: 0,
      notStarted: 0,
      ...extra,
    },
    catalogue: {
      rps: 199,
      p99: 40,
      non2xx: 0,
      errors: 0,
      cache: { hit: 990, miss: 10 },
      primedPages: 4400,
      primedShare: 1,
    },
    rss: { server: 560, serverProcesses: 1, worker: 330, total: 890 },
    alone: {
      ops: { p50: 220 },
      byKind: { add: { p50: 250 }, change: { p50: 230 }, remove: { p50: 160 } },
      cpuMsPerOperation: 200,
      operationsPerCpuSecond: 5,
    },
  })
  const results = JSON.stringify({
    ours: [run(240), run(260)],
    stock: [
      {
        ...run(4000, { non2xx: 2, errors: 1, late: 150, notStarted: 30, failures: { "add 500": 2, "get timeout": 1 } }),
        catalogue: { rps: 3, p99: 9000, non2xx: 0, errors: 5, timeouts: 5, cache: { none: 90 } },
      },
    ],
    cluster: [{ ...run(350), rss: { server: 1250, serverProcesses: 3, worker: 330, total: 1580 } }],
  })

  it("puts the goal beside the operations' p95, met or missed for ours and its cluster", () => {
    const lines: string[] = evaluate("table.mjs", `m.renderCartTable(m.cartRows(200), ${results}, 2)`).split("\n")
    expect(lines[0]).toBe("| | ours | stock | ours, `--cluster 2` | ours/stock | cluster/ours | goal |")
    expect(lines).toContain(
      "| … p95 | 250 ms (240–260) | 4,000 ms | 350 ms | 0.06x | 1.40x | ≤ 300 ms: ours met, cluster **missed** |"
    )
    expect(lines).toContain("| … operations late / not started (all runs) | 0 / 0 | 150 / 30 | 0 / 0 | – | – | |")
    expect(lines).toContain(
      "| Cart requests: non-2xx answers / errors (all runs, warm-up included) | 0 / 0 | 2 / 1 | 0 / 0 | – | – | |"
    )
    expect(lines).toContain(
      "| Catalogue traffic beside them (200 req/s asked): req/s | 199 | 3.00 | 199 | 66.3x | 1.00x | |"
    )
    expect(lines).toContain(
      "| … the server's CPU per operation (an add's lookup, the mutation, the cart page) | 200 ms | 200 ms | 200 ms | 1.00x | 1.00x | |"
    )
    expect(lines).toContain(
      "| … operations one second of the server's CPU serves at most | 5.00 | 5.00 | 5.00 | 1.00x | 1.00x | |"
    )
    expect(lines).toContain("| … its processes | 1 | 1 | 3 | – | – | |")
    expect(lines).toContain("| RSS of server and worker together | 890 MiB | 890 MiB | 1,580 MiB | 1.00x | 1.78x | |")
  })

  it("lists the runs whose cart or catalogue requests failed, with how", () => {
    expect(evaluate("table.mjs", `m.cartFailures(${results})`)).toEqual([
      "stock run 1, cart requests: 2 non-2xx answers, 1 errors (add 500 ×2, get timeout ×1)",
      "stock run 1, catalogue traffic: 0 non-2xx answers, 5 errors (5 of them timeouts)",
    ])
  })
})

describe("the server's process tree", () => {
  const ps = [
    "  100     1   2000 npm run start:server",
    "  101   100   1000 sh -c node scripts/start.mjs server medusa start",
    "  102   101  30000 node scripts/start.mjs server",
    "  103   102 150000 node /app/.medusa/server/node_modules/.bin/medusa start --cluster 2 --servers 2",
    "  104   103 400000 node /app/.medusa/server/node_modules/.bin/medusa start --cluster 2 --servers 2",
    "  105   103 420000 node /app/.medusa/server/node_modules/.bin/medusa start --cluster 2 --servers 2",
    "  106     1   5000 node somewhere-else.js",
  ].join("\n")

  it("is the `medusa start` process and every process under it, not npm, a shell or the start script", () => {
    const tree = evaluate("processes.mjs", `m.processTree(m.parsePs(${JSON.stringify(ps)}), /medusa start/)`)
    expect(tree.map((row: { pid: number }) => row.pid)).toEqual([103, 104, 105])
    expect(tree.reduce((sum: number, row: { rssKiB: number }) => sum + row.rssKiB, 0)).toBe(970_000)
  })

  it("is empty when no process matches", () => {
    expect(evaluate("processes.mjs", `m.processTree(m.parsePs(${JSON.stringify(ps)}), /medusa exec/)`)).toEqual([])
  })
})

describe("priming", () => {
  /** A server answering each path after `delayMs`, and primeStorefront against it with `options`. */
  const prime = (delayMs: number, options: string) => `(await (async () => {
    const { createServer } = await import("node:http")
    const server = createServer((req, res) => setTimeout(() => res.end("{}"), ${delayMs}))
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve))
    const url = "http://127.0.0.1:" + server.address().port
    const paths = Array.from({ length: 12 }, (_, i) => ({ path: "/store/products?page=" + i, share: 1 / 12 }))
    const heard = []
    try {
      const result = await m.primeStorefront({ url, publishableKey: "pk_1", paths, concurrency: 2,
        onProgress: (p) => heard.push(p), progressEverySeconds: 0.05, ${options} })
      return { primed: result.primed, failed: result.failed, share: Math.round(result.share * 100) / 100, heard }
    } finally { server.close() }
  })())`

  it("asks every page once unless a limit is set, and says how far it is as it goes", () => {
    const result = evaluate("storefront.mjs", prime(40, ""))
    expect(result).toMatchObject({ primed: 12, failed: 0, share: 1 })
    expect(result.heard.length).toBeGreaterThan(0)
    expect(result.heard[0]).toMatchObject({ total: 12, failed: 0 })
    expect(result.heard[0].done).toBeLessThan(12)
  })

  it("stops asking once a limit passes", () => {
    const result = evaluate("storefront.mjs", prime(100, "limitSeconds: 0.15"))
    expect(result.primed).toBeGreaterThan(0)
    expect(result.primed).toBeLessThan(12)
  })
})

describe("docs/benchmarks.md with a carts section", () => {
  it("keeps the carts section of a run that left the part out, and names how to fill it when there is none", () => {
    const previous =
      "# Benchmarks\n\n## Single URLs\n\nold urls\n\n## Storefront-shaped traffic\n\nold storefront\n\n## Carts under catalogue traffic\n\nold carts\n"
    const kept: string = evaluate("report.mjs", `m.benchmarksPage({ previousPage: ${JSON.stringify(previous)} })`)
    expect(kept).toContain(
      "## Storefront-shaped traffic\n\nold storefront\n\n## Carts under catalogue traffic\n\nold carts\n"
    )
    const fresh: string = evaluate("report.mjs", `m.benchmarksPage({})`)
    expect(fresh).toContain(
      "## Carts under catalogue traffic\n\nNot measured yet: `BENCH_PARTS=carts npm run bench` measures it and fills this section."
    )
  })

  it("writes the goal, the setups and the table of a carts run", () => {
    const report = `{ table: "| carts table |", failures: [], runs: 3, seconds: 30, warmUpSeconds: 10, shoppers: 20,
      intervalMs: 2000, catalogueRps: 200, clusterSize: 2, prime: { concurrency: 4 }, aloneOperations: 40, catalogueProducts: 2012,
      cacheRedis: true, partSeconds: 1800, date: new Date("2026-12-08T10:00:00Z") }`
    const page: string = evaluate("report.mjs", `m.benchmarksPage({ carts: ${report} })`)
    const section = page.slice(page.indexOf("## Carts under catalogue traffic"))
    expect(section).toContain("Measured 2026-12-08 10:00 UTC")
    expect(section).toContain("within 300 ms at p95 with 20 shoppers")
    expect(section).toContain("(10 cart operations a second)")
    expect(section).toContain("`medusa start --cluster 2 --servers 2`")
    expect(section).toContain("every page the load can ask was asked once")
    expect(section).not.toContain("BENCH_PRIME_SECONDS")
    expect(section).toContain("one shopper alone does 40 operations one after the")
    expect(section).toContain("the goal's 10 a second need that many times fewer")
    expect(section).toContain("| carts table |\n\nEvery cart request and every catalogue request was answered 2xx.")
  })
})
