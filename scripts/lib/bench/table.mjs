// @ts-check
/**
 * The table `npm run bench` prints and writes: one row per figure, a column
 * per setup (each cell the median of the runs with min–max), and the ratios
 * ours/stock and ours/floor of the medians. Pure: runs in, Markdown out.
 */
import { formatRatio, formatSpread, spread } from "./stats.mjs"

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
