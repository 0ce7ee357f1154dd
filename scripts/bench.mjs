#!/usr/bin/env node
// @ts-check
/**
 * `npm run bench`: the Store API under storefront load, ours beside stock
 * Medusa and beside a bare Node server (the setups are described in
 * docs/benchmarks.md, which this rewrites). A benchmark, not a test: it
 * prints figures and fails only when something could not be measured.
 *
 * It builds once, makes a database of its own (dropped at the end), migrates
 * and seeds it, then measures its parts (BENCH_PARTS, both by default):
 *
 * - endpoints: for each setup it boots the processes BENCH_RUNS times (3)
 *   and drives each endpoint for a warm-up plus BENCH_SECONDS (8) seconds;
 * - storefront: it adds BENCH_PRODUCTS (2,000) products
 *   (src/scripts/bench-catalogue.ts), then for ours and stock boots the
 *   processes BENCH_RUNS times and drives storefront-shaped traffic
 *   (./lib/bench/storefront.mjs) for BENCH_STOREFRONT_SECONDS (20) once warm,
 *   and again against a second server started beside the first, from its
 *   first second: what shoppers see right after a deploy.
 *
 * The single-URL part runs first, so its figures stay those of the seed's
 * catalogue. Every process it starts runs in a group of its own and is
 * stopped by the group's PID at the end, on an error and on SIGINT/SIGTERM.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { ROOT } from "./lib/built-app.mjs"
import { measureEventDelivery } from "./lib/bench/events.mjs"
import { measureFloor } from "./lib/bench/floor.mjs"
import { ENDPOINTS, measureEndpoint } from "./lib/bench/load.mjs"
import { killAllNow, rssMiB, secondsToReady, start, stop, waitUntilIdle } from "./lib/bench/processes.mjs"
import { benchmarksPage } from "./lib/bench/report.mjs"
import {
  CACHE_REDIS_URL,
  createDatabase,
  dropDatabase,
  flushRedis,
  makeBenchCatalogue,
  prepareShop,
  readCatalogue,
  REDIS_URL,
  shopEnv,
} from "./lib/bench/shop.mjs"
import {
  describeCache,
  driveStorefront,
  pageViews,
  pathsByPopularity,
  primeStorefront,
  readStorefrontCatalogue,
} from "./lib/bench/storefront.mjs"
import {
  failedRequests,
  renderStorefrontTable,
  renderTable,
  SETUPS,
  STOREFRONT_SETUPS,
  storefrontFailures,
  storefrontRows,
  tableRows,
} from "./lib/bench/table.mjs"

const RUNS = Number(process.env.BENCH_RUNS || 3)
// BENCH_SETUPS=ours measures only ours (for trying a change); docs/benchmarks.md is written only when a part's every setup ran.
const CHOSEN = (process.env.BENCH_SETUPS || SETUPS.join(",")).split(",").map((name) => name.trim())
for (const name of CHOSEN) {
  if (!(/** @type {readonly string[]} */ (SETUPS).includes(name))) {
    console.error(`[bench] BENCH_SETUPS: unknown setup "${name}"; choose from ${SETUPS.join(", ")}`)
    process.exit(2)
  }
}
const PARTS = /** @type {const} */ (["endpoints", "storefront"])
// BENCH_PARTS=storefront runs only the storefront-shaped part; docs/benchmarks.md keeps the other part's section.
const CHOSEN_PARTS = (process.env.BENCH_PARTS || PARTS.join(",")).split(",").map((name) => name.trim())
for (const name of CHOSEN_PARTS) {
  if (!(/** @type {readonly string[]} */ (PARTS).includes(name))) {
    console.error(`[bench] BENCH_PARTS: unknown part "${name}"; choose from ${PARTS.join(", ")}`)
    process.exit(2)
  }
}
const PRODUCTS = Number(process.env.BENCH_PRODUCTS || 2000)
if (!Number.isInteger(PRODUCTS) || PRODUCTS < 1) {
  console.error(`[bench] BENCH_PRODUCTS: "${process.env.BENCH_PRODUCTS}" is not a whole number above 0`)
  process.exit(2)
}
const SECONDS = Number(process.env.BENCH_SECONDS || 8)
const STOREFRONT_SECONDS = Number(process.env.BENCH_STOREFRONT_SECONDS || 20)
const WARM_UP_SECONDS = 2
/**
 * How ours is warmed before the measured seconds: the pages the load asks
 * most are asked first, `concurrency` at a time, for at most `limitSeconds`.
 * Each page Medusa computes costs this catalogue's server a few hundred ms
 * of its one JavaScript thread (the same rate at 4 requests at a time as at
 * 50), so its thousands of pages take longer than the store cache keeps an
 * answer (STORE_CACHE_MAX_AGE_SECONDS, 300 s): the limit lets the warm and
 * deploy phases end before the first primed answers age out.
 */
const STOREFRONT_PRIME = { concurrency: 4, limitSeconds: 180 }
/** Stock keeps nothing; its warm-up only lets V8 compile and the pools fill. */
const STOCK_STOREFRONT_WARM_UP_SECONDS = 10
const BOOT_LIMIT_SECONDS = 180
const SERVER_PORT = 19310
const WORKER_PORT = 19311
const FLOOR_PORT = 19312
const SECOND_SERVER_PORT = 19313
const MEDUSA_PROCESS = /medusa start/
const HEALTH = JSON.parse(readFileSync(join(ROOT, ".railway", "deploy.json"), "utf8")).services

const began = Date.now()
const database = `beauty_bench_${began}`
const logDir = mkdtempSync(join(tmpdir(), "beauty-bench-"))
/** @param {string} line */
const progress = (line) => console.log(`[bench] ${line}`)
const round = (/** @type {number | undefined} */ n) => (n === undefined ? "?" : n.toFixed(n < 10 ? 1 : 0))

let databaseMade = false
async function cleanUp() {
  killAllNow()
  if (databaseMade) {
    databaseMade = false
    await dropDatabase(database).catch((error) => console.error(`[bench] could not drop ${database}: ${error.message}`))
  }
  await flushRedis().catch(() => {})
}
process.on("exit", killAllNow)
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.once(signal, () => {
    progress(`${signal}: stopping what the bench started`)
    cleanUp().finally(() => process.exit(1))
  })
}

/**
 * @typedef {{ name: string, script: string, port: number, healthPath: string }} Service
 * @typedef {import("./lib/bench/shop.mjs").Catalogue} Catalogue
 * @typedef {import("./lib/bench/storefront.mjs").StorefrontCatalogue} StorefrontCatalogue
 * @typedef {{ publishableKey: string, catalogue?: Catalogue, listBody?: Buffer, storefront?: StorefrontCatalogue }} Shop
 * @typedef {import("./lib/bench/processes.mjs").Started} Started
 */

/**
 * @param {string} url
 * @param {string} publishableKey
 * @returns {Promise<Buffer>}
 */
async function fetchBody(url, publishableKey) {
  const response = await fetch(url, { headers: { "x-publishable-api-key": publishableKey } })
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status}`)
  }
  return Buffer.from(await response.arrayBuffer())
}

/**
 * Starts one service with its npm script and resolves once its healthcheck answers 200.
 * @param {string} name
 * @param {Service} service
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<{ started: Started, boot: number }>}
 */
async function bootService(name, service, env) {
  const since = Date.now()
  const started = start(name, "npm", ["run", service.script], {
    cwd: ROOT,
    env: { ...env, PORT: String(service.port) },
    logDir,
  })
  const url = `http://127.0.0.1:${service.port}${service.healthPath}`
  return { started, boot: await secondsToReady(started, url, since, BOOT_LIMIT_SECONDS) }
}

/**
 * Boots the services one after the other: on Railway each service boots on
 * its own machine, so two boots sharing these 2 cores would measure the
 * machine, not the boot.
 * @param {string} setup
 * @param {number} index
 * @param {Service[]} services
 * @param {NodeJS.ProcessEnv} env
 */
async function bootServices(setup, index, services, env) {
  /** @type {Started[]} */
  const started = []
  /** @type {number[]} */
  const boots = []
  for (const service of services) {
    const booted = await bootService(`${setup}-${service.name}-${index}`, service, env)
    started.push(booted.started)
    boots.push(booted.boot)
  }
  return { started, boots }
}

/**
 * Boots the services, measures boot, RSS and every endpoint, and stops them.
 * @param {string} setup
 * @param {number} index
 * @param {Service[]} services
 * @param {NodeJS.ProcessEnv} env
 * @param {Shop} shop
 */
async function measureShop(setup, index, services, env, shop) {
  const tag = `${setup} ${index}/${RUNS}`
  progress(`${setup}: boot ${index}/${RUNS} …`)
  await flushRedis()
  /** @type {Record<string, any>} */
  const run = { boot: {}, rssBoot: {}, rssLoad: {}, load: {} }
  const { started, boots } = await bootServices(`${setup}`, index, services, env)
  services.forEach((service, i) => {
    run.boot[service.name] = boots[i]
    run.rssBoot[service.name] = rssMiB(started[i].pid, MEDUSA_PROCESS)
  })
  progress(
    `${tag}: ready in ${services.map((s) => `${s.name} ${round(run.boot[s.name])} s (${round(run.rssBoot[s.name])} MiB)`).join(", ")}`
  )
  const url = `http://127.0.0.1:${SERVER_PORT}`
  shop.catalogue ??= await readCatalogue(url, shop.publishableKey)
  // The floor's body: the priced product list as a storefront gets it.
  shop.listBody ??= await fetchBody(`${url}${ENDPOINTS[0].requests(shop.catalogue)[0].path}`, shop.publishableKey)
  for (const endpoint of ENDPOINTS) {
    const requests = endpoint.requests(shop.catalogue)
    const result = await measureEndpoint({
      url,
      publishableKey: shop.publishableKey,
      requests,
      warmUpSeconds: WARM_UP_SECONDS,
      seconds: Math.max(SECONDS, endpoint.minSeconds ?? 0),
    })
    run.load[endpoint.name] = result
    progress(
      `${tag}: ${endpoint.name} ${round(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms${result.non2xx + result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ""}`
    )
  }
  services.forEach((service, i) => (run.rssLoad[service.name] = rssMiB(started[i].pid, MEDUSA_PROCESS)))
  run.events = await measureEventDelivery(REDIS_URL)
  progress(
    `${tag}: ${run.events.count} events, server -> worker picked up p50 ${run.events.pickupP50} ms, p95 ${run.events.pickupP95} ms; handled p95 ${run.events.handledP95} ms${run.events.pending ? `; ${run.events.pending} still pending` : ""}`
  )
  progress(`${tag}: RSS after load ${services.map((s) => `${s.name} ${round(run.rssLoad[s.name])} MiB`).join(", ")}`)
  await Promise.all(started.map((process) => stop(process)))
  return run
}

/**
 * Stock Medusa's variables on top of the shop's (see docs/benchmarks.md, the setups).
 * @param {NodeJS.ProcessEnv} env
 * @returns {NodeJS.ProcessEnv}
 */
const stockEnv = (env) => ({
  ...env,
  MEDUSA_FF_CACHING: "false",
  STORE_CACHE_MAX_AGE_SECONDS: "0",
  // V8's own ceiling on this machine (a quarter of its memory, at most 4 GiB), not the start scripts' 448 MiB.
  NODE_OPTIONS: "--max-old-space-size=4096",
})

/**
 * One progress line for a storefront phase, with the computed share per kind
 * of call, so misses where hits were expected show in the log.
 * @param {string} tag
 * @param {import("./lib/bench/storefront.mjs").StorefrontResult} result
 */
function storefrontLine(tag, result) {
  const failed = result.non2xx + result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ""
  const computed = Object.entries(result.byKind)
    .map(([kind, states]) => {
      const total = Object.values(states).reduce((sum, n) => sum + n, 0)
      if (states.none === total) return `${kind} ${total}`
      return `${kind} ${total} (${((((states.miss ?? 0) + (states.shared ?? 0)) / total) * 100).toFixed(1)}% computed)`
    })
    .join(", ")
  progress(
    `${tag}: ${round(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms${failed}; ${describeCache(result.cache)}; ${computed}`
  )
}

/**
 * Waits for the server to finish the answers a load phase left it computing
 * (autocannon drops its requests at the end, Medusa carries on), so that
 * the next phase is measured on its own.
 * @param {string} tag
 * @param {Started} server
 */
async function drain(tag, server) {
  const seconds = await waitUntilIdle(server.pid, MEDUSA_PROCESS)
  if (seconds >= 2) progress(`${tag}: waited ${round(seconds)} s for the server to finish the requests left behind`)
}

/**
 * The storefront-shaped part on one boot of a setup: the warm phase against
 * the first server, then a second server started beside it and driven from
 * its first second, as right after a deploy.
 * @param {string} setup
 * @param {number} index
 * @param {Service[]} services the first is the server the warm phase drives
 * @param {Service} secondServer
 * @param {NodeJS.ProcessEnv} env
 * @param {Shop} shop
 */
async function measureStorefront(setup, index, services, secondServer, env, shop) {
  const tag = `${setup} storefront ${index}/${RUNS}`
  progress(`${tag}: boot …`)
  await flushRedis()
  const { started } = await bootServices(`${setup}-storefront`, index, services, env)
  const first = /** @type {Started} */ (started[0])
  const url = `http://127.0.0.1:${SERVER_PORT}`
  shop.storefront ??= await readStorefrontCatalogue(url, shop.publishableKey)
  const catalogue = shop.storefront
  const { publishableKey } = shop
  // A seed per phase: the same page views for every setup, different ones for warming up and measuring.
  const [warmUpViews, warmViews, deployViews] = [1, 2, 3].map((seed) => pageViews(catalogue, seed))
  /** @type {Record<string, any>} */
  const run = {}

  let warmUpSeconds = STOCK_STOREFRONT_WARM_UP_SECONDS
  /** @type {{ primed: number, share: number, failed: number, seconds: number } | undefined} */
  let primed
  if (setup === "ours") {
    const paths = pathsByPopularity(catalogue)
    progress(`${tag}: priming the most asked of ${paths.length} pages for at most ${STOREFRONT_PRIME.limitSeconds} s …`)
    primed = await primeStorefront({ url, publishableKey, paths, ...STOREFRONT_PRIME })
    warmUpSeconds = primed.seconds
    progress(
      `${tag}: primed ${primed.primed} pages (${(primed.share * 100).toFixed(1)}% of the requests) in ${round(primed.seconds)} s${primed.failed ? `, ${primed.failed} not 200` : ""}`
    )
  } else {
    await driveStorefront({ url, publishableKey, nextPage: warmUpViews, seconds: warmUpSeconds })
  }
  await drain(tag, first)
  const warm = await driveStorefront({
    url,
    publishableKey,
    nextPage: warmViews,
    seconds: STOREFRONT_SECONDS,
  })
  run.warm = {
    ...warm,
    warmUpSeconds,
    primedPages: primed?.primed,
    primedShare: primed?.share,
    rss: rssMiB(first.pid, MEDUSA_PROCESS),
  }
  storefrontLine(`${tag} warm`, warm)

  await drain(tag, first)
  progress(`${tag}: a second server on :${secondServer.port}, the first one still running …`)
  const second = await bootService(`${setup}-storefront-second-${index}`, secondServer, env)
  started.push(second.started)
  const deploy = await driveStorefront({
    url: `http://127.0.0.1:${secondServer.port}`,
    publishableKey,
    nextPage: deployViews,
    seconds: STOREFRONT_SECONDS,
  })
  run.deploy = {
    ...deploy,
    boot: second.boot,
    rss: rssMiB(second.started.pid, MEDUSA_PROCESS),
    firstServerRss: rssMiB(first.pid, MEDUSA_PROCESS),
  }
  storefrontLine(`${tag} after the deploy (ready in ${round(second.boot)} s)`, deploy)
  progress(
    `${tag}: RSS first server ${round(run.warm.rss)} MiB after warm, ${round(run.deploy.firstServerRss)} MiB at the end; second server ${round(run.deploy.rss)} MiB`
  )
  await Promise.all(started.map((process) => stop(process)))
  return run
}

async function main() {
  progress(`parts ${CHOSEN_PARTS.join(", ")}; ${RUNS} runs per setup; logs in ${logDir}`)
  const docsPage = join(ROOT, "docs", "benchmarks.md")
  const previousPage = existsSync(docsPage) ? readFileSync(docsPage, "utf8") : ""
  await flushRedis()
  await createDatabase(database)
  databaseMade = true
  progress(`database ${database} made`)
  const env = shopEnv(database, SERVER_PORT)
  /** @type {Shop} */
  const shop = { publishableKey: await prepareShop(env, logDir, progress) }
  const server = { name: "server", port: SERVER_PORT, healthPath: HEALTH.server.healthcheckPath }
  const ours = [
    { ...server, script: "start:server" },
    { name: "worker", script: "start:worker", port: WORKER_PORT, healthPath: HEALTH.worker.healthcheckPath },
  ]
  const stock = [{ ...server, script: "start" }]
  const chosen = (/** @type {string} */ setup) => CHOSEN.includes(setup)
  const part = (/** @type {string} */ name) => CHOSEN_PARTS.includes(name)
  /** @type {string[]} */
  const tables = []
  /** @type {string[]} */
  const failures = []

  /** @type {import("./lib/bench/report.mjs").EndpointsReport | undefined} */
  let endpointsReport
  if (part("endpoints")) {
    const partStarted = Date.now()
    progress(`single URLs: ${WARM_UP_SECONDS} s warm-up + ${SECONDS} s per endpoint`)
    /** @type {import("./lib/bench/table.mjs").Results} */
    const results = { ours: [], stock: [], floor: [] }
    for (let i = 1; chosen("ours") && i <= RUNS; i++) results.ours?.push(await measureShop("ours", i, ours, env, shop))
    for (let i = 1; chosen("stock") && i <= RUNS; i++)
      results.stock?.push(await measureShop("stock", i, stock, stockEnv(env), shop))
    const body = shop.listBody ?? Buffer.alloc(0)
    const bodyFile = join(logDir, "floor-body.json")
    writeFileSync(bodyFile, body)
    if (chosen("floor") && !shop.listBody)
      throw new Error("BENCH_SETUPS: the floor needs ours or stock to measure the body it serves")
    for (let i = 1; chosen("floor") && i <= RUNS; i++)
      results.floor?.push(
        await measureFloor({
          index: i,
          runs: RUNS,
          bodyFile,
          port: FLOOR_PORT,
          logDir,
          warmUpSeconds: WARM_UP_SECONDS,
          seconds: SECONDS,
          progress,
        })
      )
    const table = renderTable(tableRows(ENDPOINTS), results)
    const endpointFailures = failedRequests(ENDPOINTS, results)
    tables.push(table)
    failures.push(...endpointFailures)
    endpointsReport = {
      table,
      failures: endpointFailures,
      runs: RUNS,
      warmUpSeconds: WARM_UP_SECONDS,
      seconds: SECONDS,
      partSeconds: (Date.now() - partStarted) / 1000,
      bodyBytes: body.length,
      date: new Date(),
    }
  }

  /** @type {import("./lib/bench/report.mjs").StorefrontReport | undefined} */
  let storefrontReport
  if (part("storefront")) {
    const partStarted = Date.now()
    progress(`storefront: adding ${PRODUCTS} products (src/scripts/bench-catalogue.ts) …`)
    const catalogueSeconds = await makeBenchCatalogue(env, logDir, PRODUCTS)
    progress(`storefront: catalogue made in ${round(catalogueSeconds)} s`)
    /** @type {import("./lib/bench/table.mjs").StorefrontResults} */
    const results = { ours: [], stock: [] }
    const secondServer = { ...server, port: SECOND_SERVER_PORT }
    // Only with a cache Redis of its own does the store cache share answers between servers, which a deploy relies on.
    const oursEnv = CACHE_REDIS_URL ? { ...env, CACHE_REDIS_URL } : env
    for (let i = 1; chosen("ours") && i <= RUNS; i++)
      results.ours?.push(
        await measureStorefront("ours", i, ours, { ...secondServer, script: "start:server" }, oursEnv, shop)
      )
    for (let i = 1; chosen("stock") && i <= RUNS; i++)
      results.stock?.push(
        await measureStorefront("stock", i, stock, { ...secondServer, script: "start" }, stockEnv(env), shop)
      )
    const table = renderStorefrontTable(storefrontRows(), results)
    const storefrontFailed = storefrontFailures(results)
    tables.push(table)
    failures.push(...storefrontFailed)
    storefrontReport = {
      table,
      failures: storefrontFailed,
      runs: RUNS,
      seconds: STOREFRONT_SECONDS,
      products: PRODUCTS,
      catalogueProducts: shop.storefront?.productCount ?? 0,
      categories: shop.storefront?.categories.length ?? 0,
      catalogueSeconds,
      partSeconds: (Date.now() - partStarted) / 1000,
      prime: STOREFRONT_PRIME,
      cacheRedis: Boolean(CACHE_REDIS_URL),
      stockWarmUpSeconds: STOCK_STOREFRONT_WARM_UP_SECONDS,
      date: new Date(),
    }
  }

  const totalSeconds = (Date.now() - began) / 1000
  // A part measured without all its setups would put a partial table on the page.
  const complete =
    (!part("endpoints") || SETUPS.every(chosen)) && (!part("storefront") || STOREFRONT_SETUPS.every(chosen))
  if (complete)
    writeFileSync(docsPage, benchmarksPage({ endpoints: endpointsReport, storefront: storefrontReport, previousPage }))
  tables.forEach((table) => console.log(`\n${table}\n`))
  failures.forEach((line) => progress(line))
  progress(
    `done in ${(totalSeconds / 60).toFixed(1)} min; ${complete ? "written to docs/benchmarks.md" : `only ${CHOSEN.join(", ")}: docs/benchmarks.md left as it was`}`
  )
}

main()
  .catch((error) => {
    console.error(`[bench] failed: ${error.stack ?? error}`)
    process.exitCode = 1
  })
  .finally(cleanUp)
