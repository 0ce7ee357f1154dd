/**
 * Drill: two worker replicas (Railway's replica count raised, or an old and a new deployment overlapping). A
 * burst of events is handled once each across both, and a scheduled job runs once per tick, not once per worker.
 */
import { adminApi } from "../e2e/lib/admin-api"
import { startReplica, type Replica } from "../e2e/lib/replica"
import { runningShop } from "../e2e/lib/shop"
import { DRILL_PORTS } from "./lib/ports"
import { createProduct, handledProductEvents, sleep, workerLogs } from "./lib/observe"

jest.setTimeout(6 * 60 * 1000)

const BURST = 40
const shop = runningShop()
let second: Replica
let created: Array<Awaited<ReturnType<typeof createProduct>>>
/** Heartbeat lines per minute ("2026-11-30 19:17") for the minutes both workers ran whole. */
let heartbeats: Map<string, number[]>

/** "2026-11-30 19:17" for a time, in the UTC the logs use. */
const minuteOf = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ")

function heartbeatsByMinute(): Map<string, number[]> {
  const byMinute = new Map<string, number[]>()
  const lines = workerLogs(shop).matchAll(
    /"message":"worker heartbeat: scheduled jobs are running \(worker mode, pid (\d+)\)","timestamp":"([\d-]+ [\d:]{5})/g
  )
  for (const [, pid, minute] of lines) byMinute.set(minute, [...(byMinute.get(minute) ?? []), Number(pid)])
  return byMinute
}

beforeAll(async () => {
  second = await startReplica(shop, "worker", DRILL_PORTS.secondWorker)
  const bothUp = Date.now()
  const admin = await adminApi(shop)

  // The burst: products created ten at a time, as an import would.
  created = []
  for (let batch = 0; batch < BURST / 10; batch += 1) {
    created.push(
      ...(await Promise.all(
        Array.from({ length: 10 }, (_, n) => createProduct(admin, `two-workers-${Date.now()}-${batch}-${n}`))
      ))
    )
  }
  const ids = created.map((c) => c.id!)
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline && !ids.every((id) => handledProductEvents(shop).has(id))) await sleep(500)

  // Two whole minutes with both workers up: two ticks of the every-minute heartbeat.
  const firstWholeMinute = Math.ceil(bothUp / 60_000) * 60_000
  const minutes = [minuteOf(firstWholeMinute), minuteOf(firstWholeMinute + 60_000)]
  while (Date.now() < firstWholeMinute + 2 * 60_000 + 5_000) await sleep(1_000)
  heartbeats = new Map([...heartbeatsByMinute()].filter(([minute]) => minutes.includes(minute)))
  for (const minute of minutes) if (!heartbeats.has(minute)) heartbeats.set(minute, [])

  const handled = handledProductEvents(shop)
  const byPid = new Map<number, number>()
  for (const id of ids) for (const pid of handled.get(id) ?? []) byPid.set(pid, (byPid.get(pid) ?? 0) + 1)
  console.log(
    [
      `drill two-workers: ${BURST} products created (${created.filter((c) => c.status === 200).length}× 200)`,
      `  product.created handled: ${ids.filter((id) => handled.has(id)).length} of ${BURST}; ` +
        `duplicated ${ids.filter((id) => (handled.get(id)?.length ?? 0) > 1).length}; lost ${ids.filter((id) => !handled.has(id)).length}`,
      `  per worker process: ${[...byPid].map(([pid, n]) => `pid ${pid}: ${n}`).join(", ")}`,
      `  heartbeat job: ${[...heartbeats].map(([minute, pids]) => `${minute} ran ${pids.length}× (pid ${pids.join(", ")})`).join("; ")}`,
    ].join("\n")
  )
})

afterAll(async () => {
  await second?.stop()
})

it("handles each event of a burst exactly once across both workers", () => {
  expect(created.map((c) => c.status)).toEqual(Array(BURST).fill(200))
  const handled = handledProductEvents(shop)
  const times = created.map((c) => handled.get(c.id!)?.length ?? 0)
  expect(times).toEqual(Array(BURST).fill(1))
})

it("runs the every-minute job once per tick, not once per worker", () => {
  expect([...heartbeats.values()].map((pids) => pids.length)).toEqual([1, 1])
})
