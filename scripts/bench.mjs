#!/usr/bin/env node
// @ts-check
/**
 * `npm run bench`: the Store API under storefront load, ours beside stock
 * Medusa and beside a bare Node server (the setups are described in
 * docs/benchmarks.md, which this rewrites). A benchmark, not a test: it
 * prints figures and fails only when something could not be measured.
 *
 * It builds once, makes a database of its own (dropped at the end), migrates
 * and seeds it, then measures its parts (BENCH_PARTS, all by default):
 *
 * - endpoints: for each setup it boots the processes BENCH_RUNS times (3)
 *   and drives each endpoint for a warm-up plus BENCH_SECONDS (8) seconds;
 * - storefront: it adds BENCH_PRODUCTS (2,000) products
 *   (src/scripts/bench-catalogue.ts), then for ours and stock boots the
 *   processes BENCH_RUNS times and drives storefront-shaped traffic
 *   (./lib/bench/storefront.mjs) for BENCH_STOREFRONT_SECONDS (20) once warm,
 *   and again against a second server started beside the first, from its
 *   first second: what shoppers see right after a deploy;
 * - carts: on the same catalogue (made once for both parts), for ours, stock
 *   and ours with its server as `medusa start --cluster BENCH_CART_CLUSTER`
 *   (2, at most one per core), BENCH_CART_SHOPPERS (20) shoppers each change
 *   their cart every BENCH_CART_INTERVAL_MS (2,000) while the storefront's
 *   page views run at BENCH_CART_CATALOGUE_RPS (200) requests a second, for
 *   a warm-up and BENCH_CART_SECONDS (30) measured (./lib/bench/carts.mjs);
 *   before that load, one shopper alone does CART_ALONE_OPERATIONS operations
 *   one after the other: what one costs without queueing, in time and in the
 *   server's CPU.
 *
 * Before ours is measured on the catalogue, every page the load can ask is
 * asked once, the most asked first; BENCH_PRIME_SECONDS caps that time (no
 * cap by default: on 2 cores, thousands of pages take many minutes, shown
 * every 30 s).
 *
 * The single-URL part runs first, so its figures stay those of the seed's
 * catalogue, and the carts part last, so the carts it makes are in no other
 * part's database. Every process it starts runs in a group of its own and is
 * stopped by the group's PID at the end, on an error and on SIGINT/SIGTERM.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { cpus, tmpdir } from "node:os"
import { join } from "node:path"
import { BUILT_MEDUSA, ROOT, SERVER_DIR } from "./lib/built-app.mjs"
import { driveCarts, measureAlone, readCartVariants } from "./lib/bench/carts.mjs"
import { measureEventDelivery } from "./lib/bench/events.mjs"
import { measureFloor } from "./lib/bench/floor.mjs"
import { ENDPOINTS, measureEndpoint } from "./lib/bench/load.mjs"
import {
  killAllNow,
  rssMiB,
  secondsToReady,
  start,
  stop,
  treeCpuSeconds,
  treeRssMiB,
  waitUntilIdle,
} from "./lib/bench/processes.mjs"
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
  CART_SETUPS,
  cartFailures,
  cartRows,
  failedRequests,
  renderCartTable,
  renderStorefrontTable,
  renderTable,
  SETUPS,
  STOREFRONT_SETUPS,
  storefrontFailures,
  storefrontRows,
  tableRows,
} from "./lib/bench/table.mjs"
import { withHeapCeiling } from "./lib/node-options.mjs"

const RUNS = Number(process.env.BENCH_RUNS || 3)
/** Every setup of every part; `cluster` is the carts part's ours with `medusa start --cluster`. */
/** @type {string[]} */
const ALL_SETUPS = [...new Set([...SETUPS, ...CART_SETUPS])]
// BENCH_SETUPS=ours measures only ours (for trying a change); docs/benchmarks.md is written only when a part's every setup ran.
const CHOSEN = (process.env.BENCH_SETUPS || ALL_SETUPS.join(",")).split(",").map((name) => name.trim())
for (const name of CHOSEN) {
  if (!ALL_SETUPS.includes(name)) {
    console.error(`[bench] BENCH_SETUPS: unknown setup "${name}"; choose from ${ALL_SETUPS.join(", ")}`)
    process.exit(2)
  }
}
const PARTS = /** @type {const} */ (["endpoints", "storefront", "carts"])
// BENCH_PARTS=storefront runs only the storefront-shaped part; docs/benchmarks.md keeps the other parts' sections.
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
/**
 * A positive number from the environment, or the default when unset; the
 * bench stops with the variable's name on anything else. Callers pass
 * the variable as read from the environment, so the .env.template check sees the read.
 * @param {string} name
 * @param {string | undefined} raw
 * @param {number} fallback
 * @param {{ whole?: boolean }} [options]
 */
function setting(name, raw, fallback, { whole = true } = {}) {
  if (raw === undefined || raw === "") return fallback
  const value = Number(raw)
  if (!(value > 0) || (whole && !Number.isInteger(value))) {
    console.error(`[bench] ${name}: "${raw}" is not a ${whole ? "whole " : ""}number above 0`)
    process.exit(2)
  }
  return value
}
const SECONDS = Number(process.env.BENCH_SECONDS || 8)
const STOREFRONT_SECONDS = Number(process.env.BENCH_STOREFRONT_SECONDS || 20)
const WARM_UP_SECONDS = 2
/**
 * How ours is warmed before it is measured on the catalogue: every page the
 * load can ask is asked once, the most asked first, `concurrency` at a time,
 * so "warm" means no page of the load is Medusa's to compute for the first
 * time. Each page Medusa computes costs this catalogue's server a few
 * hundred ms of its one JavaScript thread (the same rate at 4 requests at a
 * time as at 50), so thousands of pages take many minutes; an answer older
 * than STORE_CACHE_MAX_AGE_SECONDS by then is still given while Medusa
 * computes it again. BENCH_PRIME_SECONDS caps the time, the most asked pages
 * still first.
 */
const STOREFRONT_PRIME = {
  concurrency: 4,
  limitSeconds: process.env.BENCH_PRIME_SECONDS
    ? setting("BENCH_PRIME_SECONDS", process.env.BENCH_PRIME_SECONDS, 0, { whole: false })
    : undefined,
}
/** Stock keeps nothing; its warm-up only lets V8 compile and the pools fill. */
const STOCK_STOREFRONT_WARM_UP_SECONDS = 10
const CART_SHOPPERS = setting("BENCH_CART_SHOPPERS", process.env.BENCH_CART_SHOPPERS, 20)
const CART_INTERVAL_MS = setting("BENCH_CART_INTERVAL_MS", process.env.BENCH_CART_INTERVAL_MS, 2000)
const CART_SECONDS = setting("BENCH_CART_SECONDS", process.env.BENCH_CART_SECONDS, 30)
const CART_CATALOGUE_RPS = setting("BENCH_CART_CATALOGUE_RPS", process.env.BENCH_CART_CATALOGUE_RPS, 200)
/** Long enough for every shopper to make its cart and change it a few times, and for both loads to settle. */
const CART_WARM_UP_SECONDS = 10
/** One shopper's operations, one after the other, before the carts load: enough for a p50 and a CPU figure. */
const CART_ALONE_OPERATIONS = 40
/**
 * The forks of the cluster setup. Medusa 2.21 forks at most one per core, and
 * its `--servers` count must then not exceed the forks: more than the cores
 * would fail at start.
 */
const CART_CLUSTER = Math.min(setting("BENCH_CART_CLUSTER", process.env.BENCH_CART_CLUSTER, 2), cpus().length)
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
 * @typedef {{ name: string, script: string, port: number, healthPath: string, cluster?: number }} Service
 *   `cluster`: the server as `medusa start --cluster <n>` instead of the npm script
 * @typedef {import("./lib/bench/shop.mjs").Catalogue} Catalogue
 * @typedef {import("./lib/bench/storefront.mjs").StorefrontCatalogue} StorefrontCatalogue
 * @typedef {{ publishableKey: string, catalogue?: Catalogue, listBody?: Buffer, storefront?: StorefrontCatalogue,
 *   cartVariants?: Map<string, import("./lib/bench/carts.mjs").Variant[]> }} Shop
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
  const started = service.cluster
    ? startCluster(name, service.cluster, { ...env, PORT: String(service.port) })
    : start(name, "npm", ["run", service.script], { cwd: ROOT, env: { ...env, PORT: String(service.port) }, logDir })
  const url = `http://127.0.0.1:${service.port}${service.healthPath}`
  return { started, boot: await secondsToReady(started, url, since, BOOT_LIMIT_SECONDS) }
}

/**
 * Ours' server as `medusa start --cluster <forks> --servers <forks>`, with the
 * variables `npm run start:server` (scripts/start.mjs) gives Medusa: that
 * script passes `medusa start` no flags, so the bench starts the built Medusa
 * itself (the migrations it would wait for are done). `--servers` keeps the
 * forks servers: Medusa 2.21's cluster sets each fork's MEDUSA_WORKER_MODE to
 * `shared` otherwise, whatever the service's is.
 * @param {string} name
 * @param {number} forks
 * @param {NodeJS.ProcessEnv} env
 * @returns {Started}
 */
function startCluster(name, forks, env) {
  return start(name, BUILT_MEDUSA, ["start", "--cluster", String(forks), "--servers", String(forks)], {
    cwd: SERVER_DIR,
    env: {
      ...env,
      MEDUSA_WORKER_MODE: "server",
      NODE_ENV: env.NODE_ENV || "production",
      NODE_OPTIONS: withHeapCeiling(env.NODE_OPTIONS),
    },
    logDir,
  })
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
 * @typedef {{ primed: number, share: number, failed: number, seconds: number }} Primed
 */

/**
 * Asks the server for every page the load can ask (STOREFRONT_PRIME),
 * saying every 30 s how far it is.
 * @param {string} tag
 * @param {string} url
 * @param {string} publishableKey
 * @param {StorefrontCatalogue} catalogue
 * @returns {Promise<Primed>}
 */
async function prime(tag, url, publishableKey, catalogue) {
  const paths = pathsByPopularity(catalogue)
  const { limitSeconds } = STOREFRONT_PRIME
  const limit = limitSeconds === undefined ? "" : ` for at most ${limitSeconds} s (BENCH_PRIME_SECONDS)`
  progress(`${tag}: priming the ${paths.length} pages the load can ask, the most asked first${limit} …`)
  const primed = await primeStorefront({
    url,
    publishableKey,
    paths,
    ...STOREFRONT_PRIME,
    onProgress: ({ done, total, failed, seconds }) => {
      const rate = done / seconds
      const left = rate > 0 ? `, about ${Math.ceil((total - done) / rate / 60)} min to go` : ""
      progress(
        `${tag}: primed ${done} of ${total} pages in ${Math.round(seconds)} s (${round(rate)} pages/s${left})${failed ? `, ${failed} not 200` : ""}`
      )
    },
  })
  progress(
    `${tag}: primed ${primed.primed} of ${paths.length} pages (${(primed.share * 100).toFixed(1)}% of the requests) in ${round(primed.seconds)} s${primed.failed ? `, ${primed.failed} not 200` : ""}`
  )
  return primed
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
  /** @type {Primed | undefined} */
  let primed
  if (setup === "ours") {
    primed = await prime(tag, url, publishableKey, catalogue)
    warmUpSeconds = primed.seconds
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

/**
 * The carts part on one boot of a setup: ours (and its cluster) primed as in
 * the storefront part, then the shoppers and the catalogue traffic together
 * (./lib/bench/carts.mjs), then the memory of the server's processes and the
 * worker's.
 * @param {string} setup
 * @param {number} index
 * @param {Service[]} services the first is the server, the second (if any) the worker
 * @param {NodeJS.ProcessEnv} env
 * @param {Shop} shop
 */
async function measureCarts(setup, index, services, env, shop) {
  const tag = `${setup} carts ${index}/${RUNS}`
  progress(`${tag}: boot …`)
  await flushRedis()
  const { started } = await bootServices(`${setup}-carts`, index, services, env)
  const server = /** @type {Started} */ (started[0])
  const worker = started[1]
  const url = `http://127.0.0.1:${SERVER_PORT}`
  const { publishableKey } = shop
  shop.storefront ??= await readStorefrontCatalogue(url, publishableKey)
  shop.cartVariants ??= await readCartVariants(url, publishableKey)
  const primed = setup === "stock" ? undefined : await prime(tag, url, publishableKey, shop.storefront)
  await drain(tag, server)
  const alone = await measureAlone({
    url,
    publishableKey,
    catalogue: shop.storefront,
    variants: shop.cartVariants,
    operations: CART_ALONE_OPERATIONS,
    cpuSeconds: () => treeCpuSeconds(server.pid, MEDUSA_PROCESS),
  })
  progress(
    `${tag}: one shopper alone, ${alone.operations} operations: p50 ${alone.ops.p50} ms (add ${alone.byKind.add?.p50}, change ${alone.byKind.change?.p50}, remove ${alone.byKind.remove?.p50} ms); the server's CPU ${alone.cpuMsPerOperation ?? "?"} ms per operation, at most ${alone.operationsPerCpuSecond ?? "?"} operations per CPU second`
  )
  const load = await driveCarts({
    url,
    publishableKey,
    catalogue: shop.storefront,
    variants: shop.cartVariants,
    shoppers: CART_SHOPPERS,
    intervalMs: CART_INTERVAL_MS,
    warmUpSeconds: CART_WARM_UP_SECONDS,
    seconds: CART_SECONDS,
    catalogueRps: CART_CATALOGUE_RPS,
  })
  const serverRss = treeRssMiB(server.pid, MEDUSA_PROCESS)
  const workerRss = worker ? treeRssMiB(worker.pid, MEDUSA_PROCESS) : undefined
  const run = {
    alone,
    carts: load.carts,
    catalogue: { ...load.catalogue, primedPages: primed?.primed, primedShare: primed?.share },
    rss: {
      server: serverRss?.mib,
      serverProcesses: serverRss?.processes,
      worker: workerRss?.mib,
      total: serverRss && serverRss.mib + (workerRss?.mib ?? 0),
    },
  }
  const { carts, catalogue } = load
  const failed = carts.non2xx + carts.errors ? `; ${carts.non2xx} non-2xx, ${carts.errors} errors` : ""
  progress(
    `${tag}: ${carts.ops.count} operations of ${carts.planned}, p50 ${carts.ops.p50} ms, p95 ${carts.ops.p95} ms, p99 ${carts.ops.p99} ms (add ${carts.byKind.add?.p95}, change ${carts.byKind.change?.p95}, remove ${carts.byKind.remove?.p95} ms p95); cart page p95 ${carts.after.p95} ms, create p50 ${carts.create.p50} ms; ${carts.late} late, ${carts.notStarted} not started${failed}; the bench's event loop p99 delay ${carts.clientDelayP99Ms} ms`
  )
  storefrontLine(`${tag}: catalogue at ${CART_CATALOGUE_RPS} req/s asked`, catalogue)
  progress(
    `${tag}: RSS server ${round(run.rss.server)} MiB (${run.rss.serverProcesses ?? "?"} processes)${worker ? `, worker ${round(run.rss.worker)} MiB` : ""}`
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
  const worker = {
    name: "worker",
    script: "start:worker",
    port: WORKER_PORT,
    healthPath: HEALTH.worker.healthcheckPath,
  }
  const ours = [{ ...server, script: "start:server" }, worker]
  const stock = [{ ...server, script: "start" }]
  const cluster = [{ ...server, script: "start:server", cluster: CART_CLUSTER }, worker]
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

  // Only with a cache Redis of its own does the store cache share answers between servers, which a deploy relies on.
  const oursEnv = CACHE_REDIS_URL ? { ...env, CACHE_REDIS_URL } : env
  // The storefront and carts parts share one generated catalogue, made once.
  let catalogueSeconds = 0
  if (part("storefront") || part("carts")) {
    progress(`catalogue: adding ${PRODUCTS} products (src/scripts/bench-catalogue.ts) …`)
    catalogueSeconds = await makeBenchCatalogue(env, logDir, PRODUCTS)
    progress(`catalogue: made in ${round(catalogueSeconds)} s`)
  }

  /** @type {import("./lib/bench/report.mjs").StorefrontReport | undefined} */
  let storefrontReport
  if (part("storefront")) {
    const partStarted = Date.now()
    /** @type {import("./lib/bench/table.mjs").StorefrontResults} */
    const results = { ours: [], stock: [] }
    const secondServer = { ...server, port: SECOND_SERVER_PORT }
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
      // The catalogue counts in the first part that uses it.
      partSeconds: (Date.now() - partStarted) / 1000 + catalogueSeconds,
      prime: STOREFRONT_PRIME,
      cacheRedis: Boolean(CACHE_REDIS_URL),
      stockWarmUpSeconds: STOCK_STOREFRONT_WARM_UP_SECONDS,
      date: new Date(),
    }
  }

  /** @type {import("./lib/bench/report.mjs").CartsReport | undefined} */
  let cartsReport
  if (part("carts")) {
    const partStarted = Date.now()
    progress(
      `carts: ${CART_SHOPPERS} shoppers, one cart operation each every ${CART_INTERVAL_MS} ms, beside ${CART_CATALOGUE_RPS} catalogue req/s; ${CART_WARM_UP_SECONDS} s warm-up + ${CART_SECONDS} s; the cluster setup's server is medusa start --cluster ${CART_CLUSTER} --servers ${CART_CLUSTER}`
    )
    /** @type {import("./lib/bench/table.mjs").CartResults} */
    const results = { ours: [], stock: [], cluster: [] }
    for (let i = 1; chosen("ours") && i <= RUNS; i++)
      results.ours?.push(await measureCarts("ours", i, ours, oursEnv, shop))
    for (let i = 1; chosen("stock") && i <= RUNS; i++)
      results.stock?.push(await measureCarts("stock", i, stock, stockEnv(env), shop))
    for (let i = 1; chosen("cluster") && i <= RUNS; i++)
      results.cluster?.push(await measureCarts("cluster", i, cluster, oursEnv, shop))
    const table = renderCartTable(cartRows(CART_CATALOGUE_RPS), results, CART_CLUSTER)
    const cartsFailed = cartFailures(results)
    tables.push(table)
    failures.push(...cartsFailed)
    cartsReport = {
      table,
      failures: cartsFailed,
      runs: RUNS,
      seconds: CART_SECONDS,
      warmUpSeconds: CART_WARM_UP_SECONDS,
      shoppers: CART_SHOPPERS,
      intervalMs: CART_INTERVAL_MS,
      catalogueRps: CART_CATALOGUE_RPS,
      clusterSize: CART_CLUSTER,
      prime: STOREFRONT_PRIME,
      aloneOperations: CART_ALONE_OPERATIONS,
      catalogueProducts: shop.storefront?.productCount ?? 0,
      cacheRedis: Boolean(CACHE_REDIS_URL),
      partSeconds: (Date.now() - partStarted) / 1000 + (part("storefront") ? 0 : catalogueSeconds),
      date: new Date(),
    }
  }

  const totalSeconds = (Date.now() - began) / 1000
  // A part measured without all its setups would put a partial table on the page.
  const complete =
    (!part("endpoints") || SETUPS.every(chosen)) &&
    (!part("storefront") || STOREFRONT_SETUPS.every(chosen)) &&
    (!part("carts") || CART_SETUPS.every(chosen))
  if (complete)
    writeFileSync(
      docsPage,
      benchmarksPage({ endpoints: endpointsReport, storefront: storefrontReport, carts: cartsReport, previousPage })
    )
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
