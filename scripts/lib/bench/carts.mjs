// @ts-check
/**
 * The carts part of `npm run bench`: shoppers changing their carts while
 * catalogue traffic runs at a steady rate, on the storefront part's catalogue.
 *
 * Each shopper first creates its cart, then every `intervalMs` changes it as
 * the official storefront does (`medusajs/dtc-starter`,
 * apps/storefront/src/lib/data/cart.ts, through `@medusajs/js-sdk`):
 *
 * - create: getOrSetCart's `sdk.store.cart.create({ region_id }, {}, headers)`,
 *   `POST /store/carts` with `{ "region_id": … }` (its `locale` is undefined
 *   without a locale cookie, so JSON leaves it out);
 * - add: addToCart first looks the cart up (getOrSetCart's
 *   `retrieveCart(undefined, "id,region_id")`, `GET /store/carts/:id?fields=id%2Cregion_id`;
 *   the storefront's Next.js cache does not answer it, as every cart mutation
 *   calls `updateTag` on the carts tag), then `sdk.store.cart.createLineItem`,
 *   `POST /store/carts/:id/line-items` with `{ "variant_id": …, "quantity": 1 }`;
 * - change: updateLineItem, `POST /store/carts/:id/line-items/:line_id` with `{ "quantity": … }`;
 * - remove: deleteLineItem, `DELETE /store/carts/:id/line-items/:line_id`.
 *
 * The mutations pass an empty query (`{}`): no `fields`, Medusa's default
 * cart comes back. After each mutation the storefront renders the cart again
 * with retrieveCart's default fields (CART_FIELDS), `GET /store/carts/:id`,
 * measured apart from the mutation. Every request carries what the js-sdk
 * sends from a storefront's server for a guest: `content-type` and `accept`
 * `application/json` and `x-publishable-api-key`; no cookie, no `Origin`, no
 * `Authorization` (getAuthHeaders gives none without a customer's token).
 * They go through Node's fetch (undici), as the storefront's own do.
 *
 * The schedule is open-loop: shopper k makes its cart k * intervalMs /
 * shoppers in and its operations are due every `intervalMs` after that,
 * whatever the server's answers are doing. A shopper's own steps run one after the other; an
 * operation due while the shopper's previous one still runs is late and
 * starts as soon as that one ends. When the measured window ends, operations
 * still due are counted as not started, so a slow server cannot stretch the
 * run. Meanwhile autocannon drives the storefront part's page views at
 * `catalogueRps` (autocannon's `overallRate`: each connection's share per
 * second, sent as soon as its second begins, so the pages come in a burst at
 * the start of each second when the server keeps up).
 */
import { monitorEventLoopDelay } from "node:perf_hooks"
import { percentile } from "./events.mjs"
import {
  driveStorefront,
  handlesByPopularity,
  pageViews,
  REGION_MIX,
  sdkQuery,
  seededRandom,
  ZIPF_EXPONENT,
  zipfPicker,
} from "./storefront.mjs"

/** retrieveCart's default `fields`, spaces included, exactly as the storefront sends it. */
export const CART_FIELDS =
  "*items, *region, *items.product, *items.variant, *items.thumbnail, *items.metadata, +items.total, *promotions, +shipping_methods.name"
/** getOrSetCart's lookup before an add. */
export const LOOKUP_FIELDS = "id,region_id"
/** A shopper's cart stops growing at this many lines: it changes or removes instead. */
export const MAX_LINES = 6
/** The quantities a shopper changes a line to: 1 to this. */
export const MAX_QUANTITY = 3
/** Only variants with at least this many in stock are added, so quantities stay below the stock. */
export const MIN_STOCK = 10
/** The operations' shares while a cart has room; a full cart only changes or removes. */
export const OPERATION_MIX = /** @type {const} */ ({ add: 0.5, change: 0.3, remove: 0.2 })
export const OPERATION_KINDS = /** @type {const} */ (["add", "change", "remove"])
/** A storefront's server gives up on a render after this long; a request without an answer by then counts as an error. */
const REQUEST_TIMEOUT_MS = 30_000
/** Each shopper's choices come from its own seed: the same intentions for every setup. */
const SHOPPER_SEED = 7_000

/**
 * @typedef {"create" | "lookup" | "add" | "change" | "remove" | "get"} RequestKind
 * @typedef {{ id: string, variantId: string, quantity: number }} Line
 * @typedef {{ kind: "add" } | { kind: "change", lineId: string, quantity: number } | { kind: "remove", lineId: string }} Operation
 * @typedef {{ id: string, stock: number }} Variant
 * @typedef {{ at: number, measured: boolean }} PlannedOperation
 * @typedef {{ createAt: number, operations: PlannedOperation[] }} ShopperPlan
 * @typedef {{ kind: RequestKind, ms: number, status: number, measured: boolean, error?: string }} RequestRecord
 * @typedef {{ count: number, p50?: number, p95?: number, p99?: number }} Summary
 * @typedef {{ ops: Summary, byKind: Record<string, Summary>, lookup: Summary, after: Summary, create: Summary,
 *   requests: number, non2xx: number, errors: number, failures: Record<string, number>, firstFailures: string[],
 *   planned: number, late: number, notStarted: number }} CartFigures
 */

/**
 * When each shopper creates its cart and when each of its operations is due,
 * in ms from the start: shopper k starts k * intervalMs / shoppers in, so the
 * operations of all shoppers are evenly spaced; those due from `warmUpMs` on
 * are measured, none is due from `warmUpMs + measuredMs` on.
 * @param {{ shoppers: number, intervalMs: number, warmUpMs: number, measuredMs: number }} options
 * @returns {ShopperPlan[]}
 */
export function cartSchedule({ shoppers, intervalMs, warmUpMs, measuredMs }) {
  const end = warmUpMs + measuredMs
  return Array.from({ length: shoppers }, (_, k) => {
    const createAt = (k * intervalMs) / shoppers
    /** @type {PlannedOperation[]} */
    const operations = []
    for (let at = createAt + intervalMs; at < end; at += intervalMs) operations.push({ at, measured: at >= warmUpMs })
    return { createAt, operations }
  })
}

/**
 * When an operation starts and whether it is late: at its time, or as soon
 * as the shopper's previous operation ends if that one was still running then.
 * @param {number} dueAt
 * @param {number} previousEnd
 * @returns {{ startAt: number, late: boolean }}
 */
export function startOf(dueAt, previousEnd) {
  return previousEnd > dueAt ? { startAt: previousEnd, late: true } : { startAt: dueAt, late: false }
}

/**
 * The next thing a shopper does to its cart: an empty cart gets an item; a
 * cart with room gets one by OPERATION_MIX; a full one (MAX_LINES) has a
 * line's quantity changed or a line removed. A quantity changes to another
 * one from 1 to the line's `max`.
 * @param {(Line & { max: number })[]} lines
 * @param {() => number} random
 * @param {number} [maxLines]
 * @returns {Operation}
 */
export function nextOperation(lines, random, maxLines = MAX_LINES) {
  if (!lines.length) return { kind: "add" }
  const changeable = lines.filter((line) => line.max > 1 || line.quantity !== 1)
  const weights = {
    add: lines.length < maxLines ? OPERATION_MIX.add : 0,
    change: changeable.length ? OPERATION_MIX.change : 0,
    remove: OPERATION_MIX.remove,
  }
  let roll = random() * (weights.add + weights.change + weights.remove)
  const pick = (/** @type {typeof lines} */ from) =>
    /** @type {Line & { max: number }} */ (from[Math.floor(random() * from.length)])
  if ((roll -= weights.add) < 0) return { kind: "add" }
  if ((roll -= weights.change) < 0) {
    const line = pick(changeable)
    const choices = Array.from({ length: Math.max(line.max, 1) }, (_, i) => i + 1).filter((q) => q !== line.quantity)
    return {
      kind: "change",
      lineId: line.id,
      quantity: /** @type {number} */ (choices[Math.floor(random() * choices.length)]),
    }
  }
  return { kind: "remove", lineId: pick(lines).id }
}

/**
 * Picks a variant to add: the product by the storefront's popularity (the
 * k-th most popular 1/k as often as the first), then one of its variants with
 * at least MIN_STOCK in stock; a product with none is passed over, as a
 * shopper cannot add it.
 * @param {Variant[][]} variantsByRank each product's variants, the most popular product first
 * @param {() => number} random
 * @returns {() => Variant}
 */
export function variantPicker(variantsByRank, random) {
  const addable = variantsByRank.map((variants) => variants.filter((v) => v.stock >= MIN_STOCK))
  if (!addable.some((variants) => variants.length)) throw new Error(`no variant has ${MIN_STOCK} in stock`)
  const pickProduct = zipfPicker(addable.length, ZIPF_EXPONENT, random)
  return () => {
    for (;;) {
      const variants = /** @type {Variant[]} */ (addable[pickProduct()])
      if (variants.length) return /** @type {Variant} */ (variants[Math.floor(random() * variants.length)])
    }
  }
}

/**
 * The path, method and body of a cart request, as the js-sdk sends it.
 * @param {RequestKind} kind
 * @param {{ cartId?: string, regionId?: string, variantId?: string, lineId?: string, quantity?: number }} what
 * @returns {{ method: "GET" | "POST" | "DELETE", path: string, body?: string }}
 */
export function cartRequest(kind, { cartId = "", regionId, variantId, lineId = "", quantity }) {
  const cart = `/store/carts/${cartId}`
  switch (kind) {
    case "create":
      return { method: "POST", path: "/store/carts", body: JSON.stringify({ region_id: regionId }) }
    case "lookup":
      return { method: "GET", path: `${cart}?${sdkQuery({ fields: LOOKUP_FIELDS })}` }
    case "add":
      return {
        method: "POST",
        path: `${cart}/line-items`,
        body: JSON.stringify({ variant_id: variantId, quantity: 1 }),
      }
    case "change":
      return { method: "POST", path: `${cart}/line-items/${lineId}`, body: JSON.stringify({ quantity }) }
    case "remove":
      return { method: "DELETE", path: `${cart}/line-items/${lineId}` }
    case "get":
      return { method: "GET", path: `${cart}?${sdkQuery({ fields: CART_FIELDS })}` }
  }
}

/**
 * The lines of the cart in an answer: `{ cart }` from a create, an add, a
 * change or a GET, `{ parent }` from a DELETE; undefined for anything else.
 * @param {any} answer
 * @returns {Line[] | undefined}
 */
export function cartLines(answer) {
  const items = (answer?.cart ?? answer?.parent)?.items
  if (!Array.isArray(items)) return undefined
  return items.map((/** @type {any} */ item) => ({ id: item.id, variantId: item.variant_id, quantity: item.quantity }))
}

/**
 * Count and nearest-rank p50, p95 and p99 of latencies in ms (0.1 ms precision).
 * @param {number[]} values
 * @returns {Summary}
 */
export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (/** @type {number} */ p) => {
    const value = percentile(sorted, p)
    return value === undefined ? undefined : Math.round(value * 10) / 10
  }
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99) }
}

/**
 * The figures of one run: latencies of the measured operations (the
 * mutation only), per kind, of the lookups before adds and the cart pages
 * after, and of every create; the failures of every request, warm-up
 * included (a failed request is never left out: its time counts too, a
 * timeout's as the time waited).
 * @param {RequestRecord[]} records
 * @param {{ planned: number, late: number, notStarted: number }} schedule
 * @returns {CartFigures}
 */
export function cartFigures(records, { planned, late, notStarted }) {
  const measured = records.filter((r) => r.measured)
  const times = (/** @type {(r: RequestRecord) => boolean} */ which) => measured.filter(which).map((r) => r.ms)
  const isOperation = (/** @type {RequestRecord} */ r) =>
    /** @type {readonly string[]} */ (OPERATION_KINDS).includes(r.kind)
  /** @type {Record<string, number>} */
  const failures = {}
  /** @type {string[]} */
  const firstFailures = []
  let non2xx = 0
  let errors = 0
  for (const r of records) {
    if (r.status >= 200 && r.status < 300) continue
    if (r.status === 0) errors += 1
    else non2xx += 1
    const key = `${r.kind} ${r.status || r.error || "error"}`
    failures[key] = (failures[key] ?? 0) + 1
    if (failures[key] === 1 && firstFailures.length < 5) firstFailures.push(`${key}: ${r.error ?? ""}`.trim())
  }
  return {
    ops: summarize(times(isOperation)),
    byKind: Object.fromEntries(OPERATION_KINDS.map((kind) => [kind, summarize(times((r) => r.kind === kind))])),
    lookup: summarize(times((r) => r.kind === "lookup")),
    after: summarize(times((r) => r.kind === "get")),
    create: summarize(records.filter((r) => r.kind === "create").map((r) => r.ms)),
    requests: records.length,
    non2xx,
    errors,
    failures,
    firstFailures,
    planned,
    late,
    notStarted,
  }
}

/**
 * Every product's variants with their stock, by handle, from the Store API
 * (`inventory_quantity` as the storefront reads it; unmanaged stock is endless).
 * @param {string} baseUrl
 * @param {string} publishableKey
 * @returns {Promise<Map<string, Variant[]>>}
 */
export async function readCartVariants(baseUrl, publishableKey) {
  /** @type {Map<string, Variant[]>} */
  const byHandle = new Map()
  let count = Infinity
  // 1,000 is the most the shop lets a Store API list ask for (src/api/middlewares/hardening/request-sanity.ts).
  for (let offset = 0; offset < count; offset += 1000) {
    const path = `/store/products?fields=handle,*variants,+variants.inventory_quantity&limit=1000&offset=${offset}`
    const response = await fetch(`${baseUrl}${path}`, { headers: { "x-publishable-api-key": publishableKey } })
    if (!response.ok)
      throw new Error(`GET ${path} answered ${response.status}: ${(await response.text()).slice(0, 500)}`)
    const page = await response.json()
    count = page.count
    for (const product of page.products) {
      byHandle.set(
        product.handle,
        (product.variants ?? []).map((/** @type {any} */ v) => ({
          id: v.id,
          stock: v.manage_inventory === false ? Infinity : (v.inventory_quantity ?? 0),
        }))
      )
    }
    if (!page.products.length) break
  }
  return byHandle
}

/**
 * One request, timed from the call until its body is read; never throws: a
 * request without an answer is status 0 with the reason.
 * @param {string} url
 * @param {Record<string, string>} headers
 * @param {{ method: string, path: string, body?: string }} request
 * @returns {Promise<{ ms: number, status: number, answer?: any, error?: string }>}
 */
async function send(url, headers, { method, path, body }) {
  const began = performance.now()
  try {
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
    const text = await response.text()
    const ms = performance.now() - began
    /** @type {any} */
    let answer
    try {
      answer = JSON.parse(text)
    } catch {
      answer = undefined
    }
    const error = response.ok ? undefined : (answer?.message ?? text).toString().slice(0, 200)
    return { ms, status: response.status, answer, error }
  } catch (error) {
    const reason = /** @type {Error} */ (error)
    const cause = /** @type {{ cause?: { code?: string } }} */ (reason).cause?.code
    return {
      ms: performance.now() - began,
      status: 0,
      error: reason.name === "TimeoutError" ? "timeout" : (cause ?? reason.message),
    }
  }
}

/** @param {number} ms */
const sleep = (ms) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve())

/**
 * What every shopper of the part shares: the storefront's headers, the variants by their product's popularity,
 * and each variant's stock.
 * @param {string} publishableKey
 * @param {import("./storefront.mjs").StorefrontCatalogue} catalogue
 * @param {Map<string, Variant[]>} variants
 */
function shoppersSetting(publishableKey, catalogue, variants) {
  const headers = {
    "content-type": "application/json",
    accept: "application/json",
    "x-publishable-api-key": publishableKey,
  }
  const variantsByRank = handlesByPopularity(catalogue).map((handle) => variants.get(handle) ?? [])
  /** @type {Map<string, number>} */
  const stockOf = new Map(variantsByRank.flat().map((v) => [v.id, v.stock]))
  return { headers, variantsByRank, stockOf }
}

/**
 * @typedef {{ url: string, publishableKey: string, catalogue: import("./storefront.mjs").StorefrontCatalogue,
 *   variants: Map<string, Variant[]>, shoppers: number, intervalMs: number, warmUpSeconds: number,
 *   seconds: number, catalogueRps: number }} CartLoadOptions
 * @typedef {{ carts: CartFigures & { clientDelayP99Ms: number }, catalogue: import("./storefront.mjs").StorefrontResult }} CartLoadResult
 */

/**
 * The carts part's load on a running server: the shoppers on their schedule
 * and the catalogue traffic, both for `warmUpSeconds` (not measured) and
 * then `seconds`.
 * @param {CartLoadOptions} options
 * @returns {Promise<CartLoadResult>}
 */
export async function driveCarts(options) {
  const { url, publishableKey, catalogue, variants, shoppers, intervalMs, warmUpSeconds, seconds, catalogueRps } =
    options
  const { headers, variantsByRank, stockOf } = shoppersSetting(publishableKey, catalogue, variants)
  const plan = cartSchedule({ shoppers, intervalMs, warmUpMs: warmUpSeconds * 1000, measuredMs: seconds * 1000 })
  const windowEnd = (warmUpSeconds + seconds) * 1000
  /** @type {RequestRecord[]} */
  const records = []
  const planned = plan.flatMap((shopper) => shopper.operations).filter((due) => due.measured).length
  const tally = { planned, late: 0, notStarted: 0 }
  // The shoppers share this process with autocannon: a busy event loop would show as slower answers.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 })
  loopDelay.enable()
  const began = performance.now()
  const now = () => performance.now() - began

  /**
   * @param {RequestKind} kind
   * @param {Parameters<typeof cartRequest>[1]} what
   * @param {boolean} measured
   */
  const request = async (kind, what, measured) => {
    const result = await send(url, headers, cartRequest(kind, what))
    records.push({
      kind,
      ms: result.ms,
      status: result.status,
      measured,
      ...(result.error ? { error: result.error } : {}),
    })
    return result
  }

  const shopper = async (/** @type {ShopperPlan} */ { createAt, operations }, /** @type {number} */ index) => {
    const random = seededRandom(SHOPPER_SEED + index)
    const regionId = random() < REGION_MIX.dkk ? catalogue.regions.dkk : catalogue.regions.eur
    const pickVariant = variantPicker(variantsByRank, random)
    /** @type {Line[]} */
    let lines = []
    /** @type {string | undefined} */
    let cartId
    const withMax = () =>
      lines.map((line) => ({ ...line, max: Math.min(MAX_QUANTITY, stockOf.get(line.variantId) ?? MAX_QUANTITY) }))
    const steps = [{ at: createAt, measured: false }, ...operations]
    let previousEnd = 0
    for (const [i, due] of steps.entries()) {
      const { startAt, late } = startOf(due.at, previousEnd)
      if (startAt >= windowEnd) {
        tally.notStarted += steps.slice(i).filter((step) => step.measured).length
        break
      }
      if (due.measured && late) tally.late += 1
      await sleep(startAt - now())
      if (!cartId) {
        // The first step, or again after a create that failed: the storefront makes the cart on the shopper's next add.
        if (due.measured) tally.notStarted += 1
        const created = await request("create", { regionId }, false)
        cartId = created.answer?.cart?.id
        previousEnd = now()
        continue
      }
      const operation = nextOperation(withMax(), random)
      /** @type {Awaited<ReturnType<typeof send>>} */
      let mutation
      if (operation.kind === "add") {
        await request("lookup", { cartId }, due.measured)
        mutation = await request("add", { cartId, variantId: pickVariant().id }, due.measured)
      } else if (operation.kind === "change") {
        const { lineId, quantity } = operation
        mutation = await request("change", { cartId, lineId, quantity }, due.measured)
      } else {
        mutation = await request("remove", { cartId, lineId: operation.lineId }, due.measured)
      }
      lines = cartLines(mutation.answer) ?? lines
      if (mutation.status >= 200 && mutation.status < 300) {
        const page = await request("get", { cartId }, due.measured)
        lines = cartLines(page.answer) ?? lines
      }
      previousEnd = now()
    }
  }

  const warmUpViews = pageViews(catalogue, 4)
  const measuredViews = pageViews(catalogue, 5)
  const traffic = { url, publishableKey, overallRate: catalogueRps }
  const [, catalogueResult] = await Promise.all([
    Promise.all(plan.map(shopper)),
    driveStorefront({ ...traffic, nextPage: warmUpViews, seconds: warmUpSeconds }).then(() =>
      driveStorefront({ ...traffic, nextPage: measuredViews, seconds })
    ),
  ])
  loopDelay.disable()
  return {
    carts: { ...cartFigures(records, tally), clientDelayP99Ms: Math.round(loopDelay.percentile(99) / 1e5) / 10 },
    catalogue: catalogueResult,
  }
}

/**
 * @typedef {{ ops: Summary, byKind: Record<string, Summary>, operations: number,
 *   cpuMsPerOperation?: number, operationsPerCpuSecond?: number, non2xx: number, errors: number }} AloneFigures
 */

/**
 * The figures of one shopper alone: its operations' latencies, and the
 * server's CPU time per operation (its lookup, mutation and cart page) with
 * what one second of a server's CPU therefore serves at most.
 * @param {RequestRecord[]} records
 * @param {{ cpuBefore?: number, cpuAfter?: number, operations: number }} cpu
 * @returns {AloneFigures}
 */
export function aloneFigures(records, { cpuBefore, cpuAfter, operations }) {
  const times = (/** @type {(r: RequestRecord) => boolean} */ which) => records.filter(which).map((r) => r.ms)
  const isOperation = (/** @type {RequestRecord} */ r) =>
    /** @type {readonly string[]} */ (OPERATION_KINDS).includes(r.kind)
  const failed = records.filter((r) => r.status < 200 || r.status >= 300)
  const cpuMs =
    cpuBefore === undefined || cpuAfter === undefined || !operations
      ? undefined
      : ((cpuAfter - cpuBefore) * 1000) / operations
  return {
    ops: summarize(times(isOperation)),
    byKind: Object.fromEntries(OPERATION_KINDS.map((kind) => [kind, summarize(times((r) => r.kind === kind))])),
    operations,
    cpuMsPerOperation: cpuMs === undefined ? undefined : Math.round(cpuMs),
    operationsPerCpuSecond: cpuMs ? Math.round((1000 / cpuMs) * 10) / 10 : undefined,
    non2xx: failed.filter((r) => r.status !== 0).length,
    errors: failed.filter((r) => r.status === 0).length,
  }
}

/**
 * One shopper alone on an otherwise idle server: a cart, then `operations`
 * operations one after the other, each as in the load (an add's lookup, the
 * mutation, the cart page). It shows what a cart operation costs without
 * queueing: its latency, and the server's CPU per operation, read from
 * `cpuSeconds` before and after (the server's process tree, from /proc).
 * @param {{ url: string, publishableKey: string, catalogue: import("./storefront.mjs").StorefrontCatalogue,
 *   variants: Map<string, Variant[]>, operations: number, cpuSeconds: () => number | undefined }} options
 * @returns {Promise<AloneFigures>}
 */
export async function measureAlone({ url, publishableKey, catalogue, variants, operations, cpuSeconds }) {
  const { headers, variantsByRank, stockOf } = shoppersSetting(publishableKey, catalogue, variants)
  const random = seededRandom(SHOPPER_SEED - 1)
  const pickVariant = variantPicker(variantsByRank, random)
  /** @type {RequestRecord[]} */
  const records = []
  const request = async (/** @type {RequestKind} */ kind, /** @type {Parameters<typeof cartRequest>[1]} */ what) => {
    const result = await send(url, headers, cartRequest(kind, what))
    records.push({ kind, ms: result.ms, status: result.status, measured: true })
    return result
  }
  const created = await send(url, headers, cartRequest("create", { regionId: catalogue.regions.dkk }))
  const cartId = created.answer?.cart?.id
  if (!cartId) throw new Error(`one shopper alone: POST /store/carts answered ${created.status} ${created.error ?? ""}`)
  /** @type {Line[]} */
  let lines = []
  const cpuBefore = cpuSeconds()
  for (let i = 0; i < operations; i++) {
    const withMax = lines.map((line) => ({
      ...line,
      max: Math.min(MAX_QUANTITY, stockOf.get(line.variantId) ?? MAX_QUANTITY),
    }))
    const operation = nextOperation(withMax, random)
    let mutation
    if (operation.kind === "add") {
      await request("lookup", { cartId })
      mutation = await request("add", { cartId, variantId: pickVariant().id })
    } else if (operation.kind === "change") {
      mutation = await request("change", { cartId, lineId: operation.lineId, quantity: operation.quantity })
    } else {
      mutation = await request("remove", { cartId, lineId: operation.lineId })
    }
    lines = cartLines(mutation.answer) ?? lines
    const page = await request("get", { cartId })
    lines = cartLines(page.answer) ?? lines
  }
  return aloneFigures(records, { cpuBefore, cpuAfter: cpuSeconds(), operations })
}
