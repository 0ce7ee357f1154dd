/**
 * Drill: a deploy while customers shop. Railway starts the new server, sends the traffic there, and sends the old
 * one SIGTERM (its start command gets it; the old one has drainingSeconds to finish). Every request the old server
 * accepted completes: no reset connection, no 5xx. Then the worker is replaced in the middle of a burst of
 * events, the same way: a new worker starts, the old one gets SIGTERM, and no event is lost.
 */
import { readFileSync } from "node:fs"
import settings from "../../.railway/deploy.json"
import { adminApi } from "../e2e/lib/admin-api"
import { startReplica, type Replica } from "../e2e/lib/replica"
import { groupAlive, startService, stopGroups } from "../e2e/lib/services"
import { runningShop } from "../e2e/lib/shop"
import { startScriptPid } from "../helpers/processes"
import { createCart } from "./lib/orders"
import { DRILL_PORTS } from "./lib/ports"
import { steadyLoad, type Outcome } from "./lib/load"
import { createProduct, describeCounts, handledProductEvents, sleep, statusCounts } from "./lib/observe"

jest.setTimeout(8 * 60 * 1000)

const BURST = 40
const shop = runningShop()
const storeHeaders = { "x-publishable-api-key": shop.publishableKey, "content-type": "application/json" }
const drainingSeconds = settings.deploy.drainingSeconds

let oldServer: Outcome[]
let newServer: Outcome[]
let sigtermAt: number
let oldServerGoneSeconds: number
let replacement: Replica
let created: Array<Awaited<ReturnType<typeof createProduct>>>
let oldWorkerGoneSeconds: number
let handledByOld: number

/** SIGTERM to a service's start script, as Railway's stop reaches it; resolves with the seconds until its group is gone. */
async function sigterm(groupId: number): Promise<number> {
  const started = Date.now()
  const pid = startScriptPid(groupId)
  if (!pid) throw new Error(`no start script in process group ${groupId}`)
  process.kill(pid, "SIGTERM")
  while (groupAlive(groupId) && Date.now() - started < (drainingSeconds + 5) * 1000) await sleep(100)
  if (groupAlive(groupId)) throw new Error(`process group ${groupId} outlived the ${drainingSeconds} s of draining`)
  return (Date.now() - started) / 1000
}

beforeAll(async () => {
  // Customers reading their carts: database work of ~100 ms each, so requests are in flight at the SIGTERM.
  const cartId = await createCart(shop.serverUrl, shop.publishableKey)
  const oldLoad = steadyLoad(`${shop.serverUrl}/store/carts/${cartId}`, storeHeaders)
  await sleep(3_000)
  const next = await startReplica(shop, "server", DRILL_PORTS.newServer)
  const newLoad = steadyLoad(`${next.url}/store/carts/${cartId}`, storeHeaders)
  await sleep(2_000)
  sigtermAt = Date.now()
  oldServerGoneSeconds = await sigterm(shop.pids.server)
  await sleep(2_000)
  ;[oldServer, newServer] = await Promise.all([oldLoad.stop(), newLoad.stop()])
  // The drills after this one find the shop's server where shop.json says: started again on its own port.
  await stopGroups([next.pid])
  await startService(runningShop(), "server")

  // The worker: a new one beside the old, a burst of events, and the old one stopped in the middle of it.
  replacement = await startReplica(runningShop(), "worker", DRILL_PORTS.secondWorker)
  const admin = await adminApi(runningShop())
  const creating = Promise.all(
    Array.from({ length: BURST }, (_, n) => createProduct(admin, `deploy-${Date.now()}-${n}`))
  )
  const { pids, logs } = runningShop()
  const [oldWorker, oldWorkerLog] = [pids.worker, logs.worker]
  // SIGTERM once the burst's first events are being handled (the seed's products were handled at boot).
  const handledBefore = handledProductEvents(shop).size
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline && handledProductEvents(shop).size === handledBefore) await sleep(50)
  oldWorkerGoneSeconds = await sigterm(oldWorker)
  created = await creating
  const ids = created.map((c) => c.id!)
  const handledBy = Date.now() + 90_000
  while (Date.now() < handledBy && !ids.every((id) => handledProductEvents(shop).has(id))) await sleep(500)
  const oldLog = readFileSync(oldWorkerLog, "utf8")
  handledByOld = ids.filter((id) => oldLog.includes(`catalogue: product ${id} created`)).length

  const after = (o: Outcome) => o.at >= sigtermAt
  const handled = handledProductEvents(shop)
  console.log(
    [
      `drill deploy-during-traffic: load on GET /store/carts/:id, 10 connections each to the old and the new server`,
      `  old server: SIGTERM to its start script, gone after ${oldServerGoneSeconds.toFixed(1)} s (draining allows ${drainingSeconds} s)`,
      `  old server answers before the SIGTERM: ${describeCounts(statusCounts(oldServer.filter((o) => !after(o))))}; after: ${describeCounts(statusCounts(oldServer.filter(after)))}`,
      `  old server, requests without an answer: ${describeErrors(oldServer)}`,
      `  new server answers: ${describeCounts(statusCounts(newServer))}; without an answer: ${describeErrors(newServer)}`,
      `  worker: ${BURST} products created (${created.filter((c) => c.status === 200).length}× 200); old worker SIGTERM mid-burst, gone after ${oldWorkerGoneSeconds.toFixed(1)} s`,
      `  product.created handled: ${ids.filter((id) => handled.has(id)).length} of ${BURST} (by the old worker ${handledByOld}); ` +
        `duplicated ${ids.filter((id) => (handled.get(id)?.length ?? 0) > 1).length}; lost ${ids.filter((id) => !handled.has(id)).length}`,
    ].join("\n")
  )
})

function describeErrors(outcomes: Outcome[]): string {
  const errors = outcomes.filter((o) => o.status === 0)
  if (!errors.length) return "none"
  const byError: Record<string, number> = {}
  for (const o of errors) byError[o.error!] = (byError[o.error!] ?? 0) + 1
  return Object.entries(byError)
    .map(([error, n]) => `${error}×${n}`)
    .join(" ")
}

afterAll(async () => {
  // The replacement worker becomes the shop's worker for whatever runs next.
  await replacement?.stop()
  await startService(runningShop(), "worker")
})

it("completes every request the old server accepted: no 5xx, no reset connection", () => {
  expect(oldServer.filter((o) => o.status >= 500)).toEqual([])
  // After the SIGTERM the old server accepts no new connection (refused: the caller's next try goes elsewhere);
  // a request it had accepted is never cut off.
  const cutOff = oldServer.filter((o) => o.status === 0 && o.error !== "ECONNREFUSED")
  expect(cutOff).toEqual([])
  expect(oldServer.filter((o) => o.at >= sigtermAt && o.status === 200).length).toBeGreaterThan(0)
})

it("exits within Railway's draining time", () => {
  expect(oldServerGoneSeconds).toBeLessThan(drainingSeconds)
  expect(oldWorkerGoneSeconds).toBeLessThan(drainingSeconds)
})

it("serves everything on the new server meanwhile", () => {
  // It answers on both sides of the old server's SIGTERM; how many is the machine's speed, not the drill's to judge.
  expect(newServer.filter((o) => o.at < sigtermAt).length).toBeGreaterThan(0)
  expect(newServer.filter((o) => o.at >= sigtermAt).length).toBeGreaterThan(0)
  expect(statusCounts(newServer)).toEqual({ 200: newServer.length })
})

it("loses no event when the worker is replaced in the middle of a burst", () => {
  expect(created.map((c) => c.status)).toEqual(Array(BURST).fill(200))
  const handled = handledProductEvents(shop)
  expect(created.filter((c) => !handled.has(c.id!)).map((c) => c.id)).toEqual([])
})
