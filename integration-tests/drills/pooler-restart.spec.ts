/**
 * Drill: Supabase's transaction pooler restarts (a Supabase maintenance, a pooler failover) while the store is
 * under load. Requests during the blip succeed or fail with a clear answer, never a hang; the server recovers
 * without a restart: readiness 200 and every request answered 200 again, no pool left holding dead connections.
 * How many seconds that takes is printed, not asserted: it is the machine's speed.
 */
import { runningShop } from "../e2e/lib/shop"
import { createCart } from "./lib/orders"
import { startOwned, stopOwned } from "./lib/owned"
import { median, perSecond, steadyLoad, type Outcome } from "./lib/load"
import { describeCounts, probe, sleep, statusCounts, type Probe } from "./lib/observe"

jest.setTimeout(5 * 60 * 1000)

const BLIP_MS = 3_000
const shop = runningShop()
const storeHeaders = { "x-publishable-api-key": shop.publishableKey, "content-type": "application/json" }

let cartUrl: string
let outcomes: Outcome[]
let readiness: Probe[]
let failures: Probe[]
let times: { start: number; down: number; up: number; end: number }
let before: number
let after: number[]

beforeAll(async () => {
  cartUrl = `${shop.serverUrl}/store/carts/${await createCart(shop.serverUrl, shop.publishableKey)}`
  const load = steadyLoad(cartUrl, storeHeaders)
  const ready = probe(shop.health.server, 250)
  // What a failing request says, one at a time beside the load.
  const sampler = probe(cartUrl, 100, { headers: storeHeaders })
  const start = Date.now()
  await sleep(10_000)
  const down = Date.now()
  await stopOwned("pooler")
  await sleep(BLIP_MS)
  startOwned("pooler")
  const up = Date.now()
  await sleep(20_000)
  const end = Date.now()
  ;[outcomes, readiness] = await Promise.all([load.stop(), ready.stop()])
  failures = (await sampler.stop()).filter((p) => p.status !== 200)
  times = { start, down, up, end }

  const ok = (o: Outcome) => o.status === 200
  before = median(perSecond(outcomes, start + 2_000, down, ok))
  after = perSecond(outcomes, up, end, ok)
  const blip = outcomes.filter((o) => o.at >= down && o.at < up + 5_000)
  const firstReady = readiness.find((p) => p.at >= up && p.status === 200)
  console.log(
    [
      `drill pooler-restart: pgbouncer stopped for ${((up - down) / 1000).toFixed(1)} s under 10 connections of load on GET /store/carts/:id`,
      `  req/s before: ${before} (median); per second after the pooler was back: ${after.join(" ")}`,
      `  answers from the stop to 5 s after the restart: ${describeCounts(statusCounts(blip))}`,
      `  whole run: ${describeCounts(statusCounts(outcomes))}; errors: ${[...new Set(outcomes.filter((o) => o.error).map((o) => o.error))].join(", ") || "none"}`,
      `  readiness: ${describeCounts(statusCounts(readiness))}; 200 again ${firstReady ? `${((firstReady.at - up) / 1000).toFixed(1)} s` : "never"} after the pooler was back`,
      `  what failing requests said: ${[...new Set(failures.map((f) => `${f.status} ${f.body ?? f.error ?? ""}`))].slice(0, 5).join(" | ") || "none failed"}`,
    ].join("\n")
  )
})

it("answers every request during the blip with success or 503 (try again), never a hang, a reset or a 500", () => {
  expect(outcomes.filter((o) => o.status === 0)).toEqual([])
  expect(Object.keys(statusCounts(outcomes)).filter((status) => !["200", "503"].includes(status))).toEqual([])
  for (const failure of failures) {
    expect({ status: failure.status, type: JSON.parse(failure.body ?? "{}").type }).toEqual({
      status: 503,
      type: "database_unavailable",
    })
  }
})

it("was answering the load before the blip", () => {
  expect(before).toBeGreaterThan(0)
})

// How fast it gets back to its level is the machine's speed: the log line above gives the seconds and the
// requests per second; what must hold is that it gets back without a restart.
it("recovers after the pooler's return without a restart: no pool is left holding dead connections", () => {
  expect(after.some((n) => n > 0)).toBe(true)
  const tail = outcomes.filter((o) => o.at >= times.end - 10_000)
  expect(tail.length).toBeGreaterThan(0)
  expect(statusCounts(tail)).toEqual({ 200: tail.length })
  expect(readiness[readiness.length - 1].status).toBe(200)
})
