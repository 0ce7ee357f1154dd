/**
 * Drill: Redis restarts under a running shop (Railway restarts or redeploys its Redis service). The server keeps
 * answering what does not need Redis, both readiness checks go 503 and back to 200 without a process restart,
 * products created during the outage have their product.created events handled afterwards (or the caller is
 * told it failed), and the worker takes on new events once Redis is back.
 */
import { adminApi, type AdminApi } from "../e2e/lib/admin-api"
import { groupAlive } from "../e2e/lib/services"
import { runningShop } from "../e2e/lib/shop"
import { waitForRedis } from "../helpers/redis-server"
import { startOwned, stopOwned } from "./lib/owned"
import {
  createProduct,
  productWithHandle,
  describeCounts,
  handledProductEvents,
  probe,
  sleep,
  statusCounts,
  type Probe,
} from "./lib/observe"

jest.setTimeout(6 * 60 * 1000)

const OUTAGE_MS = 10_000
const shop = runningShop()
let admin: AdminApi

/** A creation and the product the database holds under its handle afterwards, whatever the caller was told. */
type Created = Awaited<ReturnType<typeof createProduct>> & { storedId?: string }

const firstAt = (answers: Probe[], after: number, pass: (p: Probe) => boolean) =>
  answers.find((p) => p.at >= after && pass(p))?.at

let outage: { stoppedAt: number; startedAt: number }
let server: Probe[]
let worker: Probe[]
let catalogue: Probe[]
let duringOutage: Created[]
let afterwards: Created[]
const pidsBefore = { server: shop.pids.server, worker: shop.pids.worker }

beforeAll(async () => {
  admin = await adminApi(shop)
  const probes = {
    server: probe(shop.health.server, 200),
    worker: probe(shop.health.worker, 200),
    // A product page a storefront shows; its answer needs the database only.
    catalogue: probe(`${shop.serverUrl}/store/products?limit=5`, 200, {
      headers: { "x-publishable-api-key": shop.publishableKey },
    }),
  }
  await sleep(2_000)

  await stopOwned("redis")
  const stoppedAt = Date.now()
  // Staff keep working: a product created every 2 s while Redis is away, each on its own.
  const creations: Array<Promise<Created>> = []
  for (let n = 0; n < OUTAGE_MS / 2_000; n += 1) {
    creations.push(createProduct(admin, `redis-outage-${Date.now()}-${n}`))
    await sleep(2_000)
  }
  const creating = Promise.all(creations)
  startOwned("redis")
  await waitForRedis(shop.env.REDIS_URL, 10_000)
  const startedAt = Date.now()
  duringOutage = await creating
  for (const created of duringOutage) created.storedId = await productWithHandle(shop, created.handle)
  outage = { stoppedAt, startedAt }

  // Ready again on both, then a few seconds more of answers to see it stays so.
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    const last = (p: { answers: Probe[] }) => p.answers[p.answers.length - 1]
    if (last(probes.server)?.status === 200 && last(probes.worker)?.status === 200) break
    await sleep(200)
  }
  await sleep(3_000)
  ;[server, worker, catalogue] = await Promise.all([
    probes.server.stop(),
    probes.worker.stop(),
    probes.catalogue.stop(),
  ])

  afterwards = []
  for (let n = 0; n < 3; n += 1) afterwards.push(await createProduct(admin, `redis-after-${Date.now()}-${n}`))

  // Give the worker time to handle every event (retries back off 2, 4, 8, 16 s).
  const ids = [...duringOutage, ...afterwards].filter((c) => c.id).map((c) => c.id!)
  const handledDeadline = Date.now() + 90_000
  while (Date.now() < handledDeadline && !ids.every((id) => handledProductEvents(shop).has(id))) await sleep(500)

  const handled = handledProductEvents(shop)
  const recovered = (answers: Probe[]) => {
    const at = firstAt(answers, outage.startedAt, (p) => p.status === 200)
    return at ? `${((at - outage.startedAt) / 1000).toFixed(1)} s` : "never"
  }
  const wentDown = (answers: Probe[]) => {
    const at = firstAt(answers, outage.stoppedAt, (p) => p.status === 503)
    return at ? `${((at - outage.stoppedAt) / 1000).toFixed(1)} s` : "never"
  }
  const during = (answers: Probe[]) =>
    describeCounts(statusCounts(answers.filter((p) => p.at >= outage.stoppedAt && p.at < outage.startedAt)))
  console.log(
    [
      `drill redis-restart: Redis stopped for ${((outage.startedAt - outage.stoppedAt) / 1000).toFixed(1)} s`,
      `  server readiness during the outage: ${during(server)}; 503 after ${wentDown(server)}, 200 again ${recovered(server)} after Redis was back`,
      `  worker readiness during the outage: ${during(worker)}; 503 after ${wentDown(worker)}, 200 again ${recovered(worker)} after Redis was back`,
      `  store product list during the outage: ${during(catalogue)}`,
      `  products created during the outage: ${duringOutage.map((c) => `${c.status} in ${(c.ms / 1000).toFixed(1)} s`).join(", ")}`,
      `  their product.created handled: ${duringOutage.filter((c) => c.id && handled.has(c.id)).length} of ${duringOutage.filter((c) => c.id).length} created, ` +
        `duplicated ${duringOutage.filter((c) => c.id && handled.get(c.id)!.length > 1).length}`,
      `  after the outage: ${afterwards.map((c) => c.status).join(", ")}; handled ${afterwards.filter((c) => c.id && handled.has(c.id)).length} of ${afterwards.length}`,
    ].join("\n")
  )
})

it("keeps answering the store's product list while Redis is away", () => {
  const during = catalogue.filter((p) => p.at >= outage.stoppedAt && p.at < outage.startedAt)
  // How many probes fit in the outage is the machine's speed; every one answered 200 is what must hold.
  expect(during.length).toBeGreaterThan(0)
  expect(statusCounts(during)).toEqual({ 200: during.length })
})

it("reports not ready on server and worker while Redis is away, and ready again without a restart", () => {
  for (const answers of [server, worker]) {
    expect(firstAt(answers, outage.stoppedAt, (p) => p.status === 503)).toBeLessThan(outage.startedAt)
    expect(answers[answers.length - 1].status).toBe(200)
    // Every answer was an answer: the process never stopped listening.
    expect(answers.filter((p) => p.status === 0)).toEqual([])
  }
  expect(groupAlive(pidsBefore.server) && groupAlive(pidsBefore.worker)).toBe(true)
  expect(runningShop().pids).toMatchObject(pidsBefore)
})

it("handles the event of every product created during the outage exactly once, or tells the caller it failed", () => {
  const handled = handledProductEvents(shop)
  for (const created of duringOutage) {
    if (created.status === 200) {
      expect({ id: created.id, handledBy: handled.get(created.id!)?.length ?? 0 }).toEqual({
        id: created.id,
        handledBy: 1,
      })
    } else {
      // Refused to the caller: a clear error, and no product left behind whose event nobody handled.
      expect(created.status).toBeGreaterThanOrEqual(400)
      expect(created.status).toBeLessThan(600)
      expect(created.storedId).toBeUndefined()
    }
  }
})

it("takes on new events once Redis is back", () => {
  const handled = handledProductEvents(shop)
  expect(afterwards.map((c) => c.status)).toEqual([200, 200, 200])
  expect(afterwards.map((c) => handled.get(c.id!)?.length ?? 0)).toEqual([1, 1, 1])
})
