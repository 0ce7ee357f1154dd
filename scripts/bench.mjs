#!/usr/bin/env node
// @ts-check
/**
 * `npm run bench`: the Store API under storefront load, ours beside stock
 * Medusa and beside a bare Node server (the setups are described in
 * docs/benchmarks.md, which this rewrites). A benchmark, not a test: it
 * prints figures and fails only when something could not be measured.
 *
 * It builds once, makes a database of its own (dropped at the end), migrates
 * and seeds it, then for each setup boots the processes BENCH_RUNS times (3)
 * and drives each endpoint for a warm-up plus BENCH_SECONDS (8) seconds.
 * Every process it starts runs in a group of its own and is stopped by the
 * group's PID at the end, on an error and on SIGINT/SIGTERM.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { ROOT } from "./lib/built-app.mjs"
import { measureEventDelivery } from "./lib/bench/events.mjs"
import { measureFloor } from "./lib/bench/floor.mjs"
import { ENDPOINTS, measureEndpoint } from "./lib/bench/load.mjs"
import { killAllNow, rssMiB, secondsToReady, start, stop } from "./lib/bench/processes.mjs"
import { benchmarksPage } from "./lib/bench/report.mjs"
import {
  createDatabase,
  dropDatabase,
  flushRedis,
  prepareShop,
  readCatalogue,
  REDIS_URL,
  shopEnv,
} from "./lib/bench/shop.mjs"
import { failedRequests, renderTable, SETUPS, tableRows } from "./lib/bench/table.mjs"

const RUNS = Number(process.env.BENCH_RUNS || 3)
// BENCH_SETUPS=ours measures only ours (for trying a change); docs/benchmarks.md is written only when all three ran.
const CHOSEN = (process.env.BENCH_SETUPS || SETUPS.join(",")).split(",").map((name) => name.trim())
for (const name of CHOSEN) {
  if (!(/** @type {readonly string[]} */ (SETUPS).includes(name))) {
    console.error(`[bench] BENCH_SETUPS: unknown setup "${name}"; choose from ${SETUPS.join(", ")}`)
    process.exit(2)
  }
}
const SECONDS = Number(process.env.BENCH_SECONDS || 8)
const WARM_UP_SECONDS = 2
const BOOT_LIMIT_SECONDS = 180
const SERVER_PORT = 19310
const WORKER_PORT = 19311
const FLOOR_PORT = 19312
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
 * @typedef {{ publishableKey: string, catalogue?: Catalogue, listBody?: Buffer }} Shop
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
  // One after the other: on Railway each service boots on its own machine, so
  // two boots sharing these 2 cores would measure the machine, not the boot.
  const started = []
  const boots = []
  for (const service of services) {
    const since = Date.now()
    const process = start(`${setup}-${service.name}-${index}`, "npm", ["run", service.script], {
      cwd: ROOT,
      env: { ...env, PORT: String(service.port) },
      logDir,
    })
    started.push(process)
    boots.push(
      await secondsToReady(process, `http://127.0.0.1:${service.port}${service.healthPath}`, since, BOOT_LIMIT_SECONDS)
    )
  }
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

async function main() {
  progress(`${RUNS} runs per setup, ${WARM_UP_SECONDS} s warm-up + ${SECONDS} s per endpoint; logs in ${logDir}`)
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
  /** @type {import("./lib/bench/table.mjs").Results} */
  const results = { ours: [], stock: [], floor: [] }
  const chosen = (/** @type {string} */ setup) => CHOSEN.includes(setup)
  for (let i = 1; chosen("ours") && i <= RUNS; i++) results.ours?.push(await measureShop("ours", i, ours, env, shop))
  for (let i = 1; chosen("stock") && i <= RUNS; i++)
    results.stock?.push(
      await measureShop(
        "stock",
        i,
        stock,
        {
          ...env,
          MEDUSA_FF_CACHING: "false",
          STORE_CACHE_MAX_AGE_SECONDS: "0",
          // V8's own ceiling on this machine (a quarter of its memory, at most 4 GiB), not the start scripts' 448 MiB.
          NODE_OPTIONS: "--max-old-space-size=4096",
        },
        shop
      )
    )
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
  const failures = failedRequests(ENDPOINTS, results)
  const totalSeconds = (Date.now() - began) / 1000
  const page = benchmarksPage({
    table,
    failures,
    runs: RUNS,
    warmUpSeconds: WARM_UP_SECONDS,
    seconds: SECONDS,
    totalSeconds,
    bodyBytes: body.length,
    date: new Date(),
  })
  const complete = SETUPS.every(chosen)
  if (complete) writeFileSync(join(ROOT, "docs", "benchmarks.md"), page)
  console.log(`\n${table}\n`)
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
