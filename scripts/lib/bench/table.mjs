// @ts-check
/**
 * The table `npm run bench` prints and writes: one row per figure, a column
 * per setup (each cell the median of the runs with min–max), and the ratios
 * ours/stock and ours/floor of the medians. Pure: runs in, Markdown out.
 */
import { formatNumber, formatRatio, formatSpread, spread } from "./stats.mjs"

export const SETUPS = /** @type {const} */ (["ours", "stock", "floor"])

/**
 * @typedef {{ label: string, unit: string, path: string[] }} Row
 * @typedef {Record<string, any>} Run one run of a setup: { boot, rssBoot, rssLoad, load }
 * @typedef {Partial<Record<typeof SETUPS[number], Run[]>>} Results
 */

/**
 * The rows: boot and memory per process, then req/s, p50 and p99 per endpoint.
 * @param {{ name: string, label: string }[]} endpoints
 * @returns {Row[]}
 */
export function tableRows(endpoints) {
  /** @type {Row[]} */
  const rows = []
  for (const process of ["server", "worker"]) {
    rows.push({ label: `Boot to \`/health/ready\`, ${process}`, unit: "s", path: ["boot", process] })
  }
  for (const process of ["server", "worker"]) {
    rows.push({ label: `RSS after boot, ${process}`, unit: "MiB", path: ["rssBoot", process] })
    rows.push({ label: `RSS after the load phase, ${process}`, unit: "MiB", path: ["rssLoad", process] })
  }
  rows.push({ label: "Events server → worker: delivered", unit: "", path: ["events", "count"] })
  rows.push({ label: "… picked up by the worker, p50", unit: "ms", path: ["events", "pickupP50"] })
  rows.push({ label: "… picked up by the worker, p95", unit: "ms", path: ["events", "pickupP95"] })
  rows.push({ label: "… handled, p95", unit: "ms", path: ["events", "handledP95"] })
  for (const endpoint of endpoints) {
    rows.push({ label: `${endpoint.label}: req/s`, unit: "", path: ["load", endpoint.name, "rps"] })
    rows.push({ label: "… p50", unit: "ms", path: ["load", endpoint.name, "p50"] })
    rows.push({ label: "… p99", unit: "ms", path: ["load", endpoint.name, "p99"] })
  }
  return rows
}

/**
 * The value at path in a run, or undefined.
 * @param {Run} run
 * @param {string[]} path
 * @returns {number | undefined}
 */
function valueAt(run, path) {
  /** @type {any} */
  let value = run
  for (const key of path) {
    value = value?.[key]
  }
  return typeof value === "number" ? value : undefined
}

/**
 * @param {Row[]} rows
 * @param {Results} results
 * @returns {string} a Markdown table
 */
export function renderTable(rows, results) {
  const lines = ["| | ours | stock | floor | ours/stock | ours/floor |", "|---|---:|---:|---:|---:|---:|"]
  for (const row of rows) {
    const figures = SETUPS.map((setup) => spread((results[setup] ?? []).map((run) => valueAt(run, row.path))))
    const [ours, stock, floor] = figures
    const cells = figures.map((figure) => formatSpread(figure, row.unit))
    lines.push(`| ${row.label} | ${cells.join(" | ")} | ${formatRatio(ours, stock)} | ${formatRatio(ours, floor)} |`)
  }
  return lines.join("\n")
}

/**
 * One line per run whose load phase got answers other than 2xx or errors, so
 * a fast figure made of failures is not taken for a fast shop.
 * @param {{ name: string }[]} endpoints
 * @param {Results} results
 * @returns {string[]}
 */
export function failedRequests(endpoints, results) {
  const lines = []
  for (const setup of SETUPS) {
    for (const [index, run] of (results[setup] ?? []).entries()) {
      for (const { name } of endpoints) {
        const load = run.load?.[name]
        if (load && (load.non2xx > 0 || load.errors > 0)) {
          lines.push(`${setup} run ${index + 1}, ${name}: ${load.non2xx} non-2xx answers, ${load.errors} errors`)
        }
      }
    }
  }
  return lines
}

/** The setups of the storefront-shaped part (the floor answers one body to every URL, so it has no place there). */
export const STOREFRONT_SETUPS = /** @type {const} */ (["ours", "stock"])

/** What the shop aims for under storefront-shaped traffic at 50 connections. */
export const STOREFRONT_GOALS = /** @type {const} */ ({
  warmRpsOverStock: 100,
  warmP99Ms: 100,
  deployP99Ms: 300,
  serverRssMiB: 600,
})

/**
 * @typedef {{ label: string, unit: string, path: string[], goal?: StorefrontGoal, noRatio?: boolean }} StorefrontFigureRow
 * @typedef {{ label: string, phase: string, kind: "failures" | "cache" | "primed" }} StorefrontTextRow
 * @typedef {StorefrontFigureRow | StorefrontTextRow} StorefrontRow
 * @typedef {{ text: string, met: (ours: import("./stats.mjs").Spread, stock: import("./stats.mjs").Spread | undefined) => boolean | undefined }} StorefrontGoal
 * @typedef {Partial<Record<typeof STOREFRONT_SETUPS[number], Run[]>>} StorefrontResults
 */

/** @param {number} limit @param {string} unit @returns {StorefrontGoal} */
const atMost = (limit, unit) => ({ text: `≤ ${limit} ${unit}`, met: (ours) => ours.median <= limit })

/**
 * The rows of the storefront-shaped table: the warm phase, then the phase
 * right after a deploy, each with its goals.
 * @returns {StorefrontRow[]}
 */
export function storefrontRows() {
  const { warmRpsOverStock, warmP99Ms, deployP99Ms, serverRssMiB } = STOREFRONT_GOALS
  return [
    {
      label: "Warm: req/s",
      unit: "",
      path: ["warm", "rps"],
      goal: {
        text: `≥ ${warmRpsOverStock}x stock`,
        met: (ours, stock) => (stock && stock.median > 0 ? ours.median / stock.median >= warmRpsOverStock : undefined),
      },
    },
    { label: "… p50", unit: "ms", path: ["warm", "p50"] },
    { label: "… p99", unit: "ms", path: ["warm", "p99"], goal: atMost(warmP99Ms, "ms") },
    { label: "… non-2xx answers / errors (all runs)", phase: "warm", kind: "failures" },
    { label: "… answers by `x-store-cache`", phase: "warm", kind: "cache" },
    { label: "… pages primed, most asked first (their share of the requests)", phase: "warm", kind: "primed" },
    // Ours warms until its cache holds the popular pages, stock for a fixed time: their ratio says nothing.
    { label: "… warm-up before the measured seconds", unit: "s", path: ["warm", "warmUpSeconds"], noRatio: true },
    {
      label: "… RSS of the server after the run",
      unit: "MiB",
      path: ["warm", "rss"],
      goal: atMost(serverRssMiB, "MiB"),
    },
    { label: "After a deploy (a second server, from its first second): req/s", unit: "", path: ["deploy", "rps"] },
    { label: "… p50", unit: "ms", path: ["deploy", "p50"] },
    { label: "… p99", unit: "ms", path: ["deploy", "p99"], goal: atMost(deployP99Ms, "ms") },
    { label: "… non-2xx answers / errors (all runs)", phase: "deploy", kind: "failures" },
    { label: "… answers by `x-store-cache`", phase: "deploy", kind: "cache" },
    { label: "… boot of the second server to `/health/ready`", unit: "s", path: ["deploy", "boot"] },
    {
      label: "… RSS of the second server after the run",
      unit: "MiB",
      path: ["deploy", "rss"],
      goal: atMost(serverRssMiB, "MiB"),
    },
    {
      label: "… RSS of the first server then",
      unit: "MiB",
      path: ["deploy", "firstServerRss"],
      goal: atMost(serverRssMiB, "MiB"),
    },
  ]
}

/**
 * "hit 97.1%, redis 2.0%, miss 0.9%": each `x-store-cache` value's median
 * share over the runs, largest first; "–" without the header (stock).
 * @param {Run[]} runs
 * @param {string} phase
 */
function cacheShares(runs, phase) {
  /** @type {Record<string, number[]>} */
  const shares = {}
  for (const run of runs) {
    const cache = run[phase]?.cache ?? {}
    const total = Object.values(cache).reduce((/** @type {number} */ sum, /** @type {number} */ n) => sum + n, 0)
    if (!total) continue
    for (const [state, n] of Object.entries(cache)) (shares[state] ??= []).push(n / total)
  }
  const medians = Object.entries(shares)
    .filter(([state]) => state !== "none")
    .map(
      ([state, values]) =>
        /** @type {const} */ ([state, spread([...values, ...Array(runs.length - values.length).fill(0)])?.median ?? 0])
    )
    .sort(([, a], [, b]) => b - a)
  if (!medians.length) return "–"
  return medians
    .map(([state, share]) => `${state} ${(share * 100).toFixed(share < 0.001 && share > 0 ? 2 : 1)}%`)
    .join(", ")
}

/**
 * "1,020 (88.7%)": the median of the pages primed before the load, and of
 * their share of the requests; "–" where nothing was primed (stock).
 * @param {Run[]} runs
 * @param {string} phase
 */
function primedPages(runs, phase) {
  const pages = spread(runs.map((run) => run[phase]?.primedPages))
  const share = spread(runs.map((run) => run[phase]?.primedShare))
  if (!pages || !share) return "–"
  return `${formatNumber(pages.median)} (${(share.median * 100).toFixed(1)}%)`
}

/**
 * "0 / 0": non-2xx answers and errors summed over the runs.
 * @param {Run[]} runs
 * @param {string} phase
 */
function failureCounts(runs, phase) {
  const measured = runs.filter((run) => run[phase])
  if (!measured.length) return "–"
  const sum = (/** @type {string} */ key) => measured.reduce((total, run) => total + (run[phase][key] ?? 0), 0)
  return `${sum("non2xx").toLocaleString("en-US")} / ${sum("errors").toLocaleString("en-US")}`
}

/**
 * The storefront-shaped table: ours and stock (medians with min–max), ours
 * over stock, and the goal beside the figure it is about, met or missed on
 * ours' median.
 * @param {StorefrontRow[]} rows
 * @param {StorefrontResults} results
 * @returns {string} a Markdown table
 */
export function renderStorefrontTable(rows, results) {
  const lines = ["| | ours | stock | ours/stock | goal |", "|---|---:|---:|---:|---|"]
  for (const row of rows) {
    if ("kind" in row) {
      const cell = { cache: cacheShares, failures: failureCounts, primed: primedPages }[row.kind]
      const [ours, stock] = STOREFRONT_SETUPS.map((setup) => cell(results[setup] ?? [], row.phase))
      lines.push(`| ${row.label} | ${ours} | ${stock} | – | |`)
      continue
    }
    const [ours, stock] = STOREFRONT_SETUPS.map((setup) =>
      spread((results[setup] ?? []).map((run) => valueAt(run, row.path)))
    )
    const cells = [ours, stock].map((figure) => formatSpread(figure, row.unit))
    const verdict = row.goal && ours ? row.goal.met(ours, stock) : undefined
    const goal = row.goal ? ` ${row.goal.text}${verdict === undefined ? "" : verdict ? ": met" : ": **missed**"}` : ""
    const ratio = row.noRatio ? "–" : formatRatio(ours, stock)
    lines.push(`| ${row.label} | ${cells.join(" | ")} | ${ratio} |${goal} |`)
  }
  return lines.join("\n")
}

/**
 * One line per phase of a run whose requests were not all answered 2xx.
 * @param {StorefrontResults} results
 * @returns {string[]}
 */
export function storefrontFailures(results) {
  const lines = []
  for (const setup of STOREFRONT_SETUPS) {
    for (const [index, run] of (results[setup] ?? []).entries()) {
      for (const phase of ["warm", "deploy"]) {
        const load = run[phase]
        if (load && (load.non2xx > 0 || load.errors > 0)) {
          lines.push(
            `${setup} run ${index + 1}, ${phase === "warm" ? "warm" : "after the deploy"}: ${load.non2xx} non-2xx answers, ${load.errors} errors (${load.timeouts ?? 0} of them timeouts)`
          )
        }
      }
    }
  }
  return lines
}

/** The setups of the carts part: ours, stock, and ours with its server as `medusa start --cluster`. */
export const CART_SETUPS = /** @type {const} */ (["ours", "stock", "cluster"])

/** What the shop aims for with 20 shoppers changing their carts beside 200 catalogue requests a second. */
export const CART_GOALS = /** @type {const} */ ({ operationP95Ms: 300 })

/**
 * @typedef {{ label: string, unit: string, path: string[], goal?: number, noRatio?: boolean }} CartFigureRow
 * @typedef {{ label: string, phase: string, kind: "failures" | "cache" | "primed" | "late" | "processes" }} CartTextRow
 * @typedef {CartFigureRow | CartTextRow} CartRow
 * @typedef {Partial<Record<typeof CART_SETUPS[number], Run[]>>} CartResults
 *   each run: { carts: CartFigures, catalogue: StorefrontResult & primed, rss: { server, serverProcesses, worker, total } }
 */

/**
 * The rows of the carts table: the shoppers' operations with the goal, the
 * requests around them, the catalogue traffic beside them, one shopper
 * alone (latency and CPU without queueing), and memory.
 * @param {number} catalogueRps the catalogue rate asked for
 * @returns {CartRow[]}
 */
export function cartRows(catalogueRps) {
  const goal = CART_GOALS.operationP95Ms
  return [
    { label: "Cart operations (add, change, remove) measured", unit: "", path: ["carts", "ops", "count"] },
    { label: "… p50", unit: "ms", path: ["carts", "ops", "p50"] },
    { label: "… p95", unit: "ms", path: ["carts", "ops", "p95"], goal },
    { label: "… p99", unit: "ms", path: ["carts", "ops", "p99"] },
    {
      label: "… add a line item (`POST /store/carts/:id/line-items`), p95",
      unit: "ms",
      path: ["carts", "byKind", "add", "p95"],
      goal,
    },
    {
      label: "… change a quantity (`POST /store/carts/:id/line-items/:line_id`), p95",
      unit: "ms",
      path: ["carts", "byKind", "change", "p95"],
      goal,
    },
    {
      label: "… remove a line (`DELETE /store/carts/:id/line-items/:line_id`), p95",
      unit: "ms",
      path: ["carts", "byKind", "remove", "p95"],
      goal,
    },
    { label: "… operations late / not started (all runs)", phase: "carts", kind: "late" },
    {
      label: "The cart looked up before each add (`GET /store/carts/:id?fields=id,region_id`), p95",
      unit: "ms",
      path: ["carts", "lookup", "p95"],
    },
    {
      label: "The cart page after each operation (`GET /store/carts/:id`), p95",
      unit: "ms",
      path: ["carts", "after", "p95"],
    },
    { label: "Creating a cart (`POST /store/carts`), p50", unit: "ms", path: ["carts", "create", "p50"] },
    { label: "Cart requests: non-2xx answers / errors (all runs, warm-up included)", phase: "carts", kind: "failures" },
    {
      label: `Catalogue traffic beside them (${catalogueRps} req/s asked): req/s`,
      unit: "",
      path: ["catalogue", "rps"],
    },
    { label: "… p99", unit: "ms", path: ["catalogue", "p99"] },
    { label: "… non-2xx answers / errors (all runs)", phase: "catalogue", kind: "failures" },
    { label: "… answers by `x-store-cache`", phase: "catalogue", kind: "cache" },
    { label: "… pages primed first (their share of the requests)", phase: "catalogue", kind: "primed" },
    {
      label: "One shopper alone on the idle server, operations one after the other: p50",
      unit: "ms",
      path: ["alone", "ops", "p50"],
    },
    { label: "… add, p50", unit: "ms", path: ["alone", "byKind", "add", "p50"] },
    { label: "… change, p50", unit: "ms", path: ["alone", "byKind", "change", "p50"] },
    { label: "… remove, p50", unit: "ms", path: ["alone", "byKind", "remove", "p50"] },
    {
      label: "… the server's CPU per operation (an add's lookup, the mutation, the cart page)",
      unit: "ms",
      path: ["alone", "cpuMsPerOperation"],
    },
    {
      label: "… operations one second of the server's CPU serves at most",
      unit: "",
      path: ["alone", "operationsPerCpuSecond"],
    },
    { label: "RSS of the server (`medusa start` with its forks) after the run", unit: "MiB", path: ["rss", "server"] },
    { label: "… its processes", phase: "rss", kind: "processes" },
    { label: "RSS of the worker", unit: "MiB", path: ["rss", "worker"] },
    { label: "RSS of server and worker together", unit: "MiB", path: ["rss", "total"] },
  ]
}

/**
 * "3 / 0": operations that started late and that never started, summed over the runs.
 * @param {Run[]} runs
 * @param {string} phase
 */
function lateCounts(runs, phase) {
  const measured = runs.filter((run) => run[phase])
  if (!measured.length) return "–"
  const sum = (/** @type {string} */ key) => measured.reduce((total, run) => total + (run[phase][key] ?? 0), 0)
  return `${sum("late").toLocaleString("en-US")} / ${sum("notStarted").toLocaleString("en-US")}`
}

/**
 * "3": how many processes the server was, as a whole number (a range if the runs differ).
 * @param {Run[]} runs
 * @param {string} phase
 */
function processCount(runs, phase) {
  const count = spread(runs.map((run) => run[phase]?.serverProcesses))
  if (!count) return "–"
  return count.min === count.max ? String(count.median) : `${count.median} (${count.min}–${count.max})`
}

/**
 * The carts table: ours, stock and ours as a cluster (medians with
 * min–max), ours over stock and the cluster over ours, and the goal beside
 * the figures it is about, met or missed on ours' and the cluster's medians.
 * @param {CartRow[]} rows
 * @param {CartResults} results
 * @param {number} clusterSize the forks of the cluster setup
 * @returns {string} a Markdown table
 */
export function renderCartTable(rows, results, clusterSize) {
  const lines = [
    `| | ours | stock | ours, \`--cluster ${clusterSize}\` | ours/stock | cluster/ours | goal |`,
    "|---|---:|---:|---:|---:|---:|---|",
  ]
  for (const row of rows) {
    if ("kind" in row) {
      const cell = {
        cache: cacheShares,
        failures: failureCounts,
        primed: primedPages,
        late: lateCounts,
        processes: processCount,
      }[row.kind]
      const cells = CART_SETUPS.map((setup) => cell(results[setup] ?? [], row.phase))
      lines.push(`| ${row.label} | ${cells.join(" | ")} | – | – | |`)
      continue
    }
    const [ours, stock, cluster] = CART_SETUPS.map((setup) =>
      spread((results[setup] ?? []).map((run) => valueAt(run, row.path)))
    )
    const cells = [ours, stock, cluster].map((figure) => formatSpread(figure, row.unit))
    const ratios = row.noRatio ? ["–", "–"] : [formatRatio(ours, stock), formatRatio(cluster, ours)]
    const limit = row.goal
    const verdicts =
      limit === undefined
        ? []
        : /** @type {const} */ ([
            ["ours", ours],
            ["cluster", cluster],
          ])
            .filter(([, figure]) => figure)
            .map(([name, figure]) => `${name} ${(figure?.median ?? Infinity) <= limit ? "met" : "**missed**"}`)
    const goal = limit === undefined ? "" : ` ≤ ${limit} ms${verdicts.length ? `: ${verdicts.join(", ")}` : ""}`
    lines.push(`| ${row.label} | ${cells.join(" | ")} | ${ratios.join(" | ")} |${goal} |`)
  }
  return lines.join("\n")
}

/**
 * One line per run whose cart requests or catalogue traffic were not all
 * answered 2xx, with the kinds of cart request that failed and how.
 * @param {CartResults} results
 * @returns {string[]}
 */
export function cartFailures(results) {
  const lines = []
  for (const setup of CART_SETUPS) {
    for (const [index, run] of (results[setup] ?? []).entries()) {
      const carts = run.carts
      if (carts && (carts.non2xx > 0 || carts.errors > 0)) {
        const kinds = Object.entries(carts.failures ?? {})
          .map(([key, n]) => `${key} ×${n}`)
          .join(", ")
        const first = (carts.firstFailures ?? []).length ? `; first: ${carts.firstFailures.join("; ")}` : ""
        lines.push(
          `${setup} run ${index + 1}, cart requests: ${carts.non2xx} non-2xx answers, ${carts.errors} errors (${kinds})${first}`
        )
      }
      const catalogue = run.catalogue
      if (catalogue && (catalogue.non2xx > 0 || catalogue.errors > 0)) {
        lines.push(
          `${setup} run ${index + 1}, catalogue traffic: ${catalogue.non2xx} non-2xx answers, ${catalogue.errors} errors (${catalogue.timeouts ?? 0} of them timeouts)`
        )
      }
    }
  }
  return lines
}
