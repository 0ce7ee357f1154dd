/**
 * The arithmetic and the table of `npm run bench` (scripts/lib/bench/stats.mjs
 * and table.mjs): medians with their range, ratios of medians, and a row per
 * figure with a column per setup. The modules are ES modules, which jest's
 * CommonJS runtime cannot load, so each case runs them in a Node process.
 */
import { evaluate } from "./lib/evaluate-es-module"

describe("spread", () => {
  it("gives the median, min and max of an odd number of runs", () => {
    expect(evaluate("stats.mjs", "m.spread([310, 250, 290])")).toEqual({ median: 290, min: 250, max: 310, runs: 3 })
  })

  it("averages the middle two of an even number of runs", () => {
    expect(evaluate("stats.mjs", "m.spread([4, 1, 3, 2])")).toEqual({ median: 2.5, min: 1, max: 4, runs: 4 })
  })

  it("leaves out runs that measured nothing and is undefined when none did", () => {
    expect(evaluate("stats.mjs", "m.spread([undefined, 5, NaN])")).toEqual({ median: 5, min: 5, max: 5, runs: 1 })
    expect(evaluate("stats.mjs", "m.spread([undefined]) ?? null")).toBeNull()
  })
})

describe("formatting", () => {
  it("rounds to whole numbers from 100, one decimal from 10 and two below", () => {
    expect(evaluate("stats.mjs", "[m.formatNumber(15523.4), m.formatNumber(17.26), m.formatNumber(0.456)]")).toEqual([
      "15,523",
      "17.3",
      "0.46",
    ])
  })

  it("shows a figure as median with its range and unit", () => {
    expect(evaluate("stats.mjs", `m.formatSpread(m.spread([444, 461, 452]), "MiB")`)).toBe("452 MiB (444–461)")
  })

  it("shows one figure alone when the runs agree and a dash when nothing was measured", () => {
    expect(evaluate("stats.mjs", `[m.formatSpread(m.spread([8, 8]), "s"), m.formatSpread(undefined)]`)).toEqual([
      "8.00 s",
      "–",
    ])
  })

  it("gives the ratio of the medians with the precision of its size", () => {
    const ratios = evaluate(
      "stats.mjs",
      "[[250, 17], [3000, 17], [250, 100], [250, 15500]].map(([a, b]) => m.formatRatio(m.spread([a]), m.spread([b])))"
    )
    expect(ratios).toEqual(["14.7x", "176x", "2.50x", "0.02x"])
  })

  it("gives no ratio when a side is missing or zero", () => {
    expect(
      evaluate("stats.mjs", "[m.formatRatio(undefined, m.spread([1])), m.formatRatio(m.spread([1]), m.spread([0]))]")
    ).toEqual(["–", "–"])
  })
})

describe("the table", () => {
  const endpoints = `[{ name: "regions", label: "GET /store/regions" }]`
  const results = `{
    ours: [
      { boot: { server: 9, worker: 10 }, load: { regions: { rps: 300, p50: 150, p99: 400, non2xx: 0, errors: 0 } } },
      { boot: { server: 11, worker: 10 }, load: { regions: { rps: 310, p50: 140, p99: 420, non2xx: 0, errors: 0 } } },
    ],
    stock: [{ boot: { server: 12 }, load: { regions: { rps: 150, p50: 300, p99: 900, non2xx: 3, errors: 1 } } }],
    floor: [{ boot: { server: 0.05 }, load: { regions: { rps: 15000, p50: 3, p99: 9, non2xx: 0, errors: 0 } } }],
  }`

  it("has a row per process figure, four for event delivery and three per endpoint", () => {
    const rows = evaluate("table.mjs", `m.tableRows(${endpoints}).map((row) => row.label)`)
    expect(rows).toHaveLength(6 + 4 + 3)
    expect(rows[6]).toBe("Events server → worker: delivered")
    expect(rows.slice(10)).toEqual(["GET /store/regions: req/s", "… p50", "… p99"])
  })

  it("renders each setup's medians and ours' ratios to stock and floor", () => {
    const table: string = evaluate("table.mjs", `m.renderTable(m.tableRows(${endpoints}), ${results})`)
    const lines = table.split("\n")
    expect(lines[0]).toBe("| | ours | stock | floor | ours/stock | ours/floor |")
    expect(lines).toContain("| Boot to `/health/ready`, server | 10.0 s (9.00–11.0) | 12.0 s | 0.05 s | 0.83x | 200x |")
    expect(lines).toContain("| Boot to `/health/ready`, worker | 10.0 s | – | – | – | – |")
    expect(lines).toContain("| GET /store/regions: req/s | 305 (300–310) | 150 | 15,000 | 2.03x | 0.02x |")
  })

  it("lists the runs whose requests failed", () => {
    expect(evaluate("table.mjs", `m.failedRequests(${endpoints}, ${results})`)).toEqual([
      "stock run 1, regions: 3 non-2xx answers, 1 errors",
    ])
  })
})

describe("event delivery", () => {
  const job = (timestamp: number, processedOn?: number, finishedOn?: number) => ({
    timestamp: String(timestamp),
    ...(processedOn ? { processedOn: String(processedOn) } : {}),
    ...(finishedOn ? { finishedOn: String(finishedOn) } : {}),
  })

  it("measures from the emit to pickup and to handled, over completed jobs only", () => {
    const jobs = [job(1000, 1010, 1030), job(2000, 2040, 2050), job(3000, 3020, 3100), job(4000)]
    expect(evaluate("events.mjs", `m.deliveryFigures(${JSON.stringify(jobs)})`)).toEqual({
      count: 3,
      pickupP50: 20,
      pickupP95: 40,
      handledP50: 50,
      handledP95: 100,
    })
  })

  it("takes the nearest-rank percentile", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(
      evaluate(
        "events.mjs",
        `[m.percentile(${JSON.stringify(values)}, 95), m.percentile([7], 50), m.percentile([], 50) ?? null]`
      )
    ).toEqual([95, 7, null])
  })
})

describe("the storefront-shaped load", () => {
  const catalogue = JSON.stringify({
    regions: { dkk: "reg_dkk", eur: "reg_eur" },
    handles: Array.from({ length: 200 }, (_, i) => `product-${i}`),
    categories: Array.from({ length: 12 }, (_, i) => ({ id: `pcat_${i}`, handle: `category-${i}` })),
    productCount: 200,
  })

  it("asks for a product page as the storefront's listProducts does, js-sdk encoding included", () => {
    expect(evaluate("storefront.mjs", `m.pagePaths("product", { regionId: "reg_1", handle: "serums-7" })`)).toEqual([
      "/store/products?limit=12&offset=0&region_id=reg_1&fields=%2Avariants.calculated_price%2C%2Bvariants.inventory_quantity%2C%2Avariants.images%2C%2Avariants.options%2C%2Bmetadata%2C%2Btags%2C&handle=serums-7",
    ])
  })

  it("asks for a category page as two calls: the category by handle, then its first 100 products", () => {
    const [lookup, products] = evaluate(
      "storefront.mjs",
      `m.pagePaths("category", { regionId: "reg_1", category: { id: "pcat_1", handle: "serums" } })`
    )
    expect(lookup).toBe("/store/product-categories?fields=%2Acategory_children%2C%20%2Aproducts&handle=serums")
    expect(products).toMatch(
      /^\/store\/products\?limit=100&offset=0&region_id=reg_1&fields=.+&category_id%5B0%5D=pcat_1&order=created_at$/
    )
  })

  it("picks the k-th most popular item about 1/k as often as the first", () => {
    const counts = evaluate(
      "storefront.mjs",
      "(() => { const pick = m.zipfPicker(4, 1, m.seededRandom(7)); const c = [0, 0, 0, 0]; for (let i = 0; i < 100000; i++) c[pick()]++; return c })()"
    )
    const [first, second, , fourth] = counts
    expect(second / first).toBeCloseTo(1 / 2, 1)
    expect(fourth / first).toBeCloseTo(1 / 4, 1)
  })

  it("mixes product, list and category pages 60/25/15 over both regions, the same for the same seed", () => {
    const mix = evaluate(
      "storefront.mjs",
      `(() => { const next = m.pageViews(${catalogue}, 3); const kinds = {}; let eur = 0
        for (let i = 0; i < 20000; i++) { const page = next(); kinds[page.kind] = (kinds[page.kind] ?? 0) + 1; if (page.paths[page.paths.length - 1].includes("reg_eur")) eur++ }
        return { kinds, eur }
      })()`
    )
    expect(mix.kinds.product / 20000).toBeCloseTo(0.6, 1)
    expect(mix.kinds.list / 20000).toBeCloseTo(0.25, 1)
    expect(mix.kinds.category / 20000).toBeCloseTo(0.15, 1)
    expect(mix.eur / 20000).toBeCloseTo(0.3, 1)
    const twice = evaluate(
      "storefront.mjs",
      `[1, 1, 2].map((seed) => { const next = m.pageViews(${catalogue}, seed); return next().paths[0] + next().paths[0] })`
    )
    expect(twice[0]).toBe(twice[1])
    expect(twice[2]).not.toBe(twice[0])
  })
})

describe("priming by popularity", () => {
  const catalogue = JSON.stringify({
    regions: { dkk: "reg_dkk", eur: "reg_eur" },
    handles: Array.from({ length: 200 }, (_, i) => `product-${i}`),
    categories: Array.from({ length: 12 }, (_, i) => ({ id: `pcat_${i}`, handle: `category-${i}` })),
    productCount: 200,
  })

  it("lists every page the load can ask once, most asked first, with shares summing to 1", () => {
    const summary = evaluate(
      "storefront.mjs",
      `(() => { const paths = m.pathsByPopularity(${catalogue})
        return { count: paths.length, unique: new Set(paths.map((p) => p.path)).size,
          total: paths.reduce((sum, p) => sum + p.share, 0),
          sorted: paths.every((p, i) => i === 0 || paths[i - 1].share >= p.share) } })()`
    )
    // 200 products and 17 list pages in 2 regions, 12 category lookups, 12 category product lists in 2 regions.
    expect(summary).toEqual({
      count: 2 * 200 + 2 * 17 + 12 + 2 * 12,
      unique: 470,
      total: expect.any(Number),
      sorted: true,
    })
    expect(summary.total).toBeCloseTo(1, 6)
  })
})

describe("the storefront-shaped table", () => {
  const phase = (rps: number, p99: number, extra: object) => ({ rps, p50: 2, p99, non2xx: 0, errors: 0, ...extra })
  const results = JSON.stringify({
    ours: [
      {
        warm: phase(5000, 40, { cache: { hit: 970, miss: 30 }, warmUpSeconds: 60, rss: 520 }),
        deploy: phase(3000, 450, { cache: { redis: 600, hit: 400 }, boot: 6, rss: 480, firstServerRss: 530 }),
      },
    ],
    stock: [
      {
        warm: phase(30, 4000, { cache: { none: 300 }, warmUpSeconds: 10, rss: 1100 }),
        deploy: phase(25, 5000, {
          cache: { none: 250 },
          boot: 6,
          rss: 900,
          firstServerRss: 1150,
          non2xx: 2,
          errors: 1,
        }),
      },
    ],
  })

  it("puts each goal beside its figure, met or missed on ours' median", () => {
    const lines: string[] = evaluate("table.mjs", `m.renderStorefrontTable(m.storefrontRows(), ${results})`).split("\n")
    expect(lines[0]).toBe("| | ours | stock | ours/stock | goal |")
    expect(lines).toContain("| Warm: req/s | 5,000 | 30.0 | 167x | ≥ 100x stock: met |")
    expect(lines).toContain("| … p99 | 450 ms | 5,000 ms | 0.09x | ≤ 300 ms: **missed** |")
    expect(lines).toContain("| … answers by `x-store-cache` | hit 97.0%, miss 3.0% | – | – | |")
    expect(lines).toContain("| … non-2xx answers / errors (all runs) | 0 / 0 | 2 / 1 | – | |")
  })

  it("lists the phases whose requests failed", () => {
    expect(evaluate("table.mjs", `m.storefrontFailures(${results})`)).toEqual([
      "stock run 1, after the deploy: 2 non-2xx answers, 1 errors (0 of them timeouts)",
    ])
  })
})

describe("docs/benchmarks.md", () => {
  it("keeps the section of a part the run left out", () => {
    const previous =
      "# Benchmarks\n\n## Single URLs\n\nMeasured then.\n\n| old table |\n\n## Storefront-shaped traffic\n\nold\n"
    const page: string = evaluate("report.mjs", `m.benchmarksPage({ previousPage: ${JSON.stringify(previous)} })`)
    expect(page).toContain("## Single URLs\n\nMeasured then.\n\n| old table |\n\n## Storefront-shaped traffic\n\nold\n")
  })
})
