// @ts-check
/**
 * docs/benchmarks.md: the tables of `npm run bench` with the machine and how
 * they were measured. Each part of the bench (single URLs, storefront-shaped
 * traffic, carts) is a section with its own date; a part the run left out
 * (BENCH_PARTS) keeps the section the page had.
 */
import { cpus, totalmem } from "node:os"
import { MAX_LINES, MAX_QUANTITY, MIN_STOCK, OPERATION_MIX } from "./carts.mjs"
import { CONNECTIONS } from "./load.mjs"
import { PAGE_MIX, REGION_MIX } from "./storefront.mjs"
import { CART_GOALS, STOREFRONT_GOALS } from "./table.mjs"

export const ENDPOINTS_HEADING = "Single URLs"
export const STOREFRONT_HEADING = "Storefront-shaped traffic"
export const CARTS_HEADING = "Carts under catalogue traffic"
/** The single-URL figures' heading before the page had sections per part. */
const LEGACY_ENDPOINTS_HEADING = "Figures"

/**
 * The machine the figures come from.
 * @returns {string}
 */
export function machine() {
  const cores = cpus()
  const memoryGiB = (totalmem() / 1024 ** 3).toFixed(1)
  return `${cores.length} cores (${cores[0]?.model.trim() ?? "unknown CPU"}), ${memoryGiB} GiB memory, Node ${process.version}`
}

/** @param {Date} date */
const when = (date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`
/** @param {number} seconds */
const minutes = (seconds) => `${Math.max(1, Math.round(seconds / 60))} minutes`
/** @param {number} share */
const percent = (share) => `${Math.round(share * 100)}%`

/**
 * @typedef {{ table: string, failures: string[], runs: number, warmUpSeconds: number, seconds: number,
 *   partSeconds: number, bodyBytes: number, date: Date }} EndpointsReport
 * @typedef {{ table: string, failures: string[], runs: number, seconds: number, products: number,
 *   catalogueProducts: number, categories: number, catalogueSeconds: number, partSeconds: number,
 *   prime: Prime, stockWarmUpSeconds: number, cacheRedis: boolean, date: Date }} StorefrontReport
 * @typedef {{ concurrency: number, limitSeconds?: number }} Prime
 * @typedef {{ table: string, failures: string[], runs: number, seconds: number, warmUpSeconds: number,
 *   shoppers: number, intervalMs: number, catalogueRps: number, clusterSize: number, prime: Prime,
 *   aloneOperations: number, catalogueProducts: number, cacheRedis: boolean, partSeconds: number, date: Date }} CartsReport
 */

/**
 * How ours' cache was warmed: every page the load can ask, most asked first,
 * unless BENCH_PRIME_SECONDS cut it short.
 * @param {Prime} prime
 */
function primeText({ concurrency, limitSeconds }) {
  const which =
    limitSeconds === undefined
      ? `every page the load can ask was asked once, the most asked first, ${concurrency} at a time`
      : `the pages the load can ask were asked, the most asked first, ${concurrency} at a time, for at most ${limitSeconds} s (\`BENCH_PRIME_SECONDS\`)`
  return `${which} (each page Medusa computes takes this catalogue's server a few hundred ms of its one JavaScript thread; an answer older than \`STORE_CACHE_MAX_AGE_SECONDS\` is still given while Medusa computes it again)`
}

/**
 * @param {EndpointsReport} report
 * @returns {string} the section's body
 */
function endpointsSection({ table, failures, runs, warmUpSeconds, seconds, partSeconds, bodyBytes, date }) {
  const failureText = failures.length
    ? [
        "Requests that did not succeed (their runs count, so read those rows with this in mind):",
        "",
        ...failures.map((f) => `- ${f}`),
      ].join("\n")
    : "Every request of every load phase was answered 2xx."
  return `Measured ${when(date)} on ${machine()}; the part took ${minutes(partSeconds)}.

Each cell is the median of ${runs} runs with (min–max); every run boots the
processes afresh. Boot is the time from starting the npm script to its
healthcheck (\`/health/ready\`, as Railway polls it) answering 200; the worker
starts once the server is ready, as each Railway service boots on a machine
of its own. Event delivery is read after the load phase from the event bus's
BullMQ records of the events the cart phase emitted: from the server's emit
to a worker taking the event, and to its subscribers being done. RSS is
\`ps\`'s figure for the \`medusa start\` process (not npm or the start script
around it), read once both processes are ready and again after the load phase.
Each endpoint gets ${CONNECTIONS} connections from autocannon for a ${warmUpSeconds} s warm-up, not
counted, then ${seconds} s measured (the cart calls 30 s: each takes seconds at 50
connections), one endpoint after another in the order of the table. The
catalogue is the seed's (12 products); the floor answers with the ${bodyBytes.toLocaleString("en-US")} bytes of
ours' priced product list. autocannon runs on the same cores as the shop, as a storefront's
server-side renderer on a small host would. The ratios are ours' median over
the other's: above 1 is better for req/s, below 1 for latency, memory and boot.

${table}

${failureText}`
}

/**
 * @param {StorefrontReport} report
 * @returns {string} the section's body
 */
function storefrontSection(report) {
  const { table, failures, runs, seconds, products, catalogueProducts, categories, catalogueSeconds } = report
  const { prime, stockWarmUpSeconds, cacheRedis, partSeconds, date } = report
  const ours = cacheRedis
    ? `Ours here has a cache Redis of its own (\`CACHE_REDIS_URL\`, another database of the
bench's Redis): only with one does the store cache keep answers in Redis, shared by
every server ([operations.md](operations.md#store-api-cache)).`
    : `Ours here has no cache Redis (\`BENCH_CACHE_REDIS_URL=none\`): each server keeps
its own answers and a new one starts with none.`
  const failureText = failures.length
    ? ["Requests that did not succeed (their runs count):", "", ...failures.map((f) => `- ${f}`)].join("\n")
    : "Every request of every phase was answered 2xx."
  const goals = STOREFRONT_GOALS
  return `Measured ${when(date)} on ${machine()}; the part took ${minutes(partSeconds)},
of which ${Math.round(catalogueSeconds)} s made the catalogue.

The pages shoppers open, as the official storefront (\`medusajs/dtc-starter\`,
\`apps/storefront/src/lib/data\`) asks the Store API for them, over a catalogue of
${catalogueProducts.toLocaleString("en-US")} products in ${categories} categories: the seed's, and ${products.toLocaleString("en-US")} that
\`src/scripts/bench-catalogue.ts\` adds (BENCH_PRODUCTS), each with three sizes priced in
DKK and EUR and stock at the warehouse. Of the page views, ${percent(PAGE_MIX.product)} are product pages
(\`listProducts\` by \`handle\` with the storefront's \`fields\`, \`+variants.inventory_quantity\`
included), ${percent(PAGE_MIX.list)} list pages (12 products at an offset) and ${percent(PAGE_MIX.category)} category pages (the
category by handle with \`*products\`, then the category's first 100 products, two
calls on one connection); ${percent(REGION_MIX.dkk)} in the DKK region, ${percent(REGION_MIX.eur)} in the EUR one. Products, list
pages and categories are chosen by popularity: the k-th most popular is asked 1/k
as often as the first, the same best-sellers for every setup. ${CONNECTIONS} connections from
autocannon send only \`x-publishable-api-key\`, as a storefront's server does: no
cookie, no \`Origin\`. \`scripts/lib/bench/storefront.mjs\` has the exact requests.
${ours}

- **Warm**: ours after ${primeText(prime)}; stock (it keeps nothing) after ${stockWarmUpSeconds} s of the load. Then, once
  the server has finished what the warm-up left it computing, ${seconds} s measured.
- **After a deploy**: while the first server keeps running (idle again), a second one starts on
  another port (\`npm run start:server\` for ours, \`npm start\` for stock) and gets the
  load from the moment its \`/health/ready\` answers 200, for ${seconds} s. Ours' second server
  starts with an empty memory level${cacheRedis ? "; the Redis level holds what the warm phase computed" : ""}.

Each cell is the median of ${runs} run${runs === 1 ? "" : "s"} with (min–max), every run booting afresh
and flushing Redis first; \`x-store-cache\` shares are medians over the runs. RSS is
the \`medusa start\` process's after the phase. The goals (warm: at least
${goals.warmRpsOverStock}x stock's req/s and p99 at most ${goals.warmP99Ms} ms; after a deploy: p99 at most ${goals.deployP99Ms} ms; a server's
RSS at most ${goals.serverRssMiB} MiB) are checked on ours' medians; a missed goal is a figure, not
a failed bench.

${table}

${failureText}`
}

/**
 * @param {CartsReport} report
 * @returns {string} the section's body
 */
function cartsSection(report) {
  const { table, failures, runs, seconds, warmUpSeconds, shoppers, intervalMs, catalogueRps, clusterSize } = report
  const { prime, catalogueProducts, cacheRedis, partSeconds, date, aloneOperations } = report
  const failureText = failures.length
    ? ["Requests that did not succeed (their runs count):", "", ...failures.map((f) => `- ${f}`)].join("\n")
    : "Every cart request and every catalogue request was answered 2xx."
  const perSecond = (shoppers * 1000) / intervalMs
  return `Measured ${when(date)} on ${machine()}; the part took ${minutes(partSeconds)}.

The goal: adding to a cart and changing it answer within ${CART_GOALS.operationP95Ms} ms at p95 with ${shoppers} shoppers
each changing their cart every ${intervalMs / 1000} s (${formatRate(perSecond)} cart operations a second) while catalogue
traffic runs at a steady ${catalogueRps} requests a second, on the storefront part's catalogue of
${catalogueProducts.toLocaleString("en-US")} products.

Each shopper creates a cart (\`POST /store/carts\`, ${percent(REGION_MIX.dkk)} in the DKK region), then does one
operation every ${intervalMs / 1000} s, open-loop: shopper k's are due k × ${intervalMs / shoppers} ms after the first's,
whatever the server's answers are doing; an operation due while the shopper's previous one
still runs is late and starts when it ends, and one still due when the measured seconds are
over is not started. The operations are ${percent(OPERATION_MIX.add)} adds (a variant with at least ${MIN_STOCK} in stock, of a
product picked by the storefront part's popularity), ${percent(OPERATION_MIX.change)} quantity changes (to 1–${MAX_QUANTITY}) and
${percent(OPERATION_MIX.remove)} removals, and only changes and removals once a cart has ${MAX_LINES} lines. The requests are
the official storefront's (\`medusajs/dtc-starter\`, \`apps/storefront/src/lib/data/cart.ts\`, through
\`@medusajs/js-sdk\`): an add first looks the cart up (\`fields=id,region_id\`), every mutation is
followed by the cart page's \`GET /store/carts/:id\` with the storefront's \`fields\`, measured
apart; headers \`content-type\`, \`accept\` and \`x-publishable-api-key\` only (no cookie, no
\`Origin\`), through Node's fetch. \`scripts/lib/bench/carts.mjs\` has the exact requests. An
operation's time is its mutation's, from sending it until its answer is read; a request
that failed counts with the time it took (a timeout after 30 s).

Beside them autocannon sends the storefront part's page views at ${catalogueRps} requests a second
(\`overallRate\`, ${CONNECTIONS} connections); it reaches that rate only while the server keeps up. Ours
is warmed first: ${primeText(prime)}.
${
  cacheRedis
    ? "Ours and its cluster have a cache Redis of their own (`CACHE_REDIS_URL`)."
    : "Ours and its cluster have no cache Redis (`BENCH_CACHE_REDIS_URL=none`)."
} The first ${warmUpSeconds} s of both loads are a warm-up, then ${seconds} s
are measured.

- **ours, \`--cluster ${clusterSize}\`**: ours with its server started as \`medusa start --cluster ${clusterSize} --servers ${clusterSize}\`
  (\`BENCH_CART_CLUSTER\`): a primary process that forks ${clusterSize} servers sharing the port, each
  with its own heap and the start scripts' heap ceiling, and the same worker. The bench starts
  it itself with \`npm run start:server\`'s variables, as that script gives \`medusa start\` no
  flags. \`--servers\` is needed: Medusa 2.21's cluster sets each fork's
  \`MEDUSA_WORKER_MODE\`, to \`shared\` unless \`--servers\` or \`--workers\` says otherwise, over
  the service's \`server\`.

Before the load, on the same boot, one shopper alone does ${aloneOperations} operations one after the
other with the same mix and requests (an add's lookup, the mutation, the cart page), nothing
else running: their latency without queueing, and the CPU time the server's processes used
over them (from \`/proc\`), per operation. One second of one server's JavaScript thread serves
at most the last row's operations; the goal's ${formatRate(perSecond)} a second need that many times fewer
milliseconds per operation, or more processes.

Each cell is the median of ${runs} run${runs === 1 ? "" : "s"} with (min–max), every run booting afresh and
flushing Redis first. RSS is \`ps\`'s, after the run, of the \`medusa start\` process and every
process under it (a cluster's primary and forks), and of the worker's. The goal is checked on
the medians of ours and of its cluster; a missed goal is a figure, not a failed bench.

${table}

${failureText}`
}

/** @param {number} n */
const formatRate = (n) => (Number.isInteger(n) ? String(n) : n.toFixed(1))

/**
 * The body of the `## heading` section of a page, or undefined.
 * @param {string} page
 * @param {string} heading
 */
export function sectionBody(page, heading) {
  const marker = `\n## ${heading}\n`
  const start = page.indexOf(marker)
  if (start < 0) return undefined
  const bodyStart = start + marker.length
  const next = page.indexOf("\n## ", bodyStart)
  return page.slice(bodyStart, next < 0 ? undefined : next).trim()
}

/**
 * The single-URL section of the page as it was: its own section, or, from a
 * page written before the bench had parts, its date, method and figures.
 * @param {string} page
 * @returns {string | undefined}
 */
function previousEndpointsSection(page) {
  const current = sectionBody(page, ENDPOINTS_HEADING)
  if (current) return current
  const figures = sectionBody(page, LEGACY_ENDPOINTS_HEADING)
  if (!figures) return undefined
  const measured = page.match(/^Measured .+$/m)?.[0] ?? "Measured by an earlier run."
  // Ours' store cache may have worked differently then: that page's own words for it stay with its figures.
  const ours = page.match(/^- \*\*ours\*\*: ([\s\S]*?)(?=\n- \*\*)/m)?.[1]?.replace(/\s+/g, " ") ?? ""
  const method = page.match(/^Each cell is the median[\s\S]*?(?=\n\n)/m)?.[0] ?? ""
  // That page's closing note asked for event-delivery rows its own table already had.
  const table = figures.replace(/\n+Not measured yet:[\s\S]*$/, "")
  const then = ours ? ` Ours was then ${ours}` : ""
  return `${measured} Carried over from the page as that run wrote it.${then}\n\n${method}\n\n${table}`.replace(
    /\n{3,}/g,
    "\n\n"
  )
}

/**
 * @param {{ endpoints?: EndpointsReport, storefront?: StorefrontReport, carts?: CartsReport, previousPage?: string }} page
 *   a part left out keeps its section from previousPage
 * @returns {string}
 */
export function benchmarksPage({ endpoints, storefront, carts, previousPage = "" }) {
  const notMeasured = (/** @type {string} */ part) =>
    `Not measured yet: \`BENCH_PARTS=${part} npm run bench\` measures it and fills this section.`
  const endpointsBody = endpoints
    ? endpointsSection(endpoints)
    : (previousEndpointsSection(previousPage) ?? notMeasured("endpoints"))
  const storefrontBody = storefront
    ? storefrontSection(storefront)
    : (sectionBody(previousPage, STOREFRONT_HEADING) ?? notMeasured("storefront"))
  const cartsBody = carts ? cartsSection(carts) : (sectionBody(previousPage, CARTS_HEADING) ?? notMeasured("carts"))
  return `# Benchmarks

How fast and how big the Store API is under storefront traffic, beside stock
Medusa and beside what the bare machine can do. Rerun with \`npm run bench\`: it
builds, makes and seeds a database of its own, measures, drops the database and
rewrites this page. It has three parts, each a section below with its own date:
[single URLs](#single-urls), one endpoint at a time over the seed's catalogue,
[storefront-shaped traffic](#storefront-shaped-traffic) over a generated catalogue of
thousands of products, and [carts under catalogue traffic](#carts-under-catalogue-traffic),
shoppers changing their carts on that catalogue. \`BENCH_PARTS=carts\` (or \`storefront\`,
\`endpoints\`, or a list) runs only those parts and leaves the others' sections as they
were; \`BENCH_REUSE_BUILD=1\` skips the build when \`.medusa/server\` exists.

## The setups

- **ours**: the app as shipped: \`npm run start:server\` and \`npm run start:worker\`
  (two processes), production mode, Redis for the event bus, locking and
  workflows, and the store cache (answers kept until a change invalidates
  them, shared through Redis, see [operations.md](operations.md#store-api-cache)).
- **stock**: the same build with Medusa's defaults: one shared process
  (\`npm start\`), no store cache (\`STORE_CACHE_MAX_AGE_SECONDS=0\`), no Caching
  Module (\`MEDUSA_FF_CACHING=false\`) and V8's own heap ceiling instead of the
  start scripts' 448 MiB; it still has Redis for the event bus, locking and
  workflows. Its one process is in the server rows.
- **floor** (single URLs only): a bare \`node:http\` server
  (\`scripts/lib/bench/floor-server.mjs\`) answering every request with the bytes of
  ours' priced product list; it is measured once per run and shown on every
  endpoint's rows.
- **ours, \`--cluster\`** (carts only): ours with its server as \`medusa start --cluster\`, several
  server processes on one port ([carts under catalogue traffic](#carts-under-catalogue-traffic)).

## ${ENDPOINTS_HEADING}

${endpointsBody}

## ${STOREFRONT_HEADING}

${storefrontBody}

## ${CARTS_HEADING}

${cartsBody}
`
}
