// @ts-check
/**
 * docs/benchmarks.md: the tables of `npm run bench` with the machine and how
 * they were measured. Each part of the bench (single URLs, storefront-shaped
 * traffic) is a section with its own date; a part the run left out
 * (BENCH_PARTS) keeps the section the page had.
 */
import { cpus, totalmem } from "node:os"
import { CONNECTIONS } from "./load.mjs"
import { PAGE_MIX, REGION_MIX } from "./storefront.mjs"
import { STOREFRONT_GOALS } from "./table.mjs"

export const ENDPOINTS_HEADING = "Single URLs"
export const STOREFRONT_HEADING = "Storefront-shaped traffic"
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
 *   prime: { concurrency: number, limitSeconds: number }, stockWarmUpSeconds: number,
 *   cacheRedis: boolean, date: Date }} StorefrontReport
 */

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

- **Warm**: ours after the pages the load asks most were asked first, ${prime.concurrency} at a
  time, for at most ${prime.limitSeconds} s: each page Medusa computes takes this catalogue's server a few
  hundred ms of its one JavaScript thread, and an answer lives at most 300 s
  (\`STORE_CACHE_MAX_AGE_SECONDS\`), so the cache cannot be filled with every page in
  time; stock (it keeps nothing) after ${stockWarmUpSeconds} s of the load. Then, once the server has
  finished what the warm-up left it computing, ${seconds} s measured.
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
 * @param {{ endpoints?: EndpointsReport, storefront?: StorefrontReport, previousPage?: string }} page
 *   a part left out keeps its section from previousPage
 * @returns {string}
 */
export function benchmarksPage({ endpoints, storefront, previousPage = "" }) {
  const notMeasured = (/** @type {string} */ part) =>
    `Not measured yet: \`BENCH_PARTS=${part} npm run bench\` measures it and fills this section.`
  const endpointsBody = endpoints
    ? endpointsSection(endpoints)
    : (previousEndpointsSection(previousPage) ?? notMeasured("endpoints"))
  const storefrontBody = storefront
    ? storefrontSection(storefront)
    : (sectionBody(previousPage, STOREFRONT_HEADING) ?? notMeasured("storefront"))
  return `# Benchmarks

How fast and how big the Store API is under storefront traffic, beside stock
Medusa and beside what the bare machine can do. Rerun with \`npm run bench\`: it
builds, makes and seeds a database of its own, measures, drops the database and
rewrites this page. It has two parts, each a section below with its own date:
[single URLs](#single-urls), one endpoint at a time over the seed's catalogue, and
[storefront-shaped traffic](#storefront-shaped-traffic) over a generated catalogue of
thousands of products. \`BENCH_PARTS=storefront\` (or \`endpoints\`) runs one part and
leaves the other's section as it was; \`BENCH_REUSE_BUILD=1\` skips the build when
\`.medusa/server\` exists.

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

## ${ENDPOINTS_HEADING}

${endpointsBody}

## ${STOREFRONT_HEADING}

${storefrontBody}
`
}
