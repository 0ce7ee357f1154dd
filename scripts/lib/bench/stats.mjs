// @ts-check
/**
 * The arithmetic of `npm run bench`: every figure is the median of a few runs
 * with their min and max, and ours is compared to stock and to the floor as a
 * ratio. Pure functions, so the unit test pins them.
 */

/**
 * @typedef {{ median: number, min: number, max: number, runs: number }} Spread
 */

/**
 * Median, min and max of the runs' values; undefined when no run measured it.
 * @param {(number | undefined)[]} values
 * @returns {Spread | undefined}
 */
export function spread(values) {
  const measured = values
    .filter(/** @returns {v is number} */ (v) => typeof v === "number" && Number.isFinite(v))
    .sort((a, b) => a - b)
  if (measured.length === 0) {
    return undefined
  }
  const middle = Math.floor(measured.length / 2)
  const at = (/** @type {number} */ i) => /** @type {number} */ (measured[i])
  const median = measured.length % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2
  return { median, min: at(0), max: at(measured.length - 1), runs: measured.length }
}

/**
 * A number with the precision a reader can use: whole above 100, one decimal
 * above 10, two below, with thousands separated.
 * @param {number} value
 * @returns {string}
 */
export function formatNumber(value) {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/**
 * "median (min–max)" with a unit, or "–" when nothing was measured; the range
 * is left out when every run gave the same figure.
 * @param {Spread | undefined} figure
 * @param {string} [unit]
 * @returns {string}
 */
export function formatSpread(figure, unit = "") {
  if (!figure) {
    return "–"
  }
  const suffix = unit ? ` ${unit}` : ""
  const median = `${formatNumber(figure.median)}${suffix}`
  if (figure.runs === 1 || formatNumber(figure.min) === formatNumber(figure.max)) {
    return median
  }
  return `${median} (${formatNumber(figure.min)}–${formatNumber(figure.max)})`
}

/**
 * ours / other of two medians as "12.3x"; "–" when either is missing or the
 * divisor is zero.
 * @param {Spread | undefined} ours
 * @param {Spread | undefined} other
 * @returns {string}
 */
export function formatRatio(ours, other) {
  if (!ours || !other || other.median === 0) {
    return "–"
  }
  const ratio = ours.median / other.median
  return `${ratio >= 100 ? Math.round(ratio).toLocaleString("en-US") : ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}x`
}
