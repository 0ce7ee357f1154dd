/**
 * Drill: the worker is killed (kill -9: out of memory, a crashed machine) while it sends order confirmations,
 * then Railway starts it again. Every order's confirmation is sent exactly once: the one being sent when the
 * worker died is sent by the new worker, none twice.
 *
 * The worker runs with a fixture preloaded (./lib/slow-email-log.js) that makes the email-log provider take a few
 * seconds per send, so the kill lands while one is on its way; the worker handles events one at a time.
 */
import { join } from "node:path"
import { signalGroup } from "../helpers/processes"
import { groupAlive, startService, stopService } from "../e2e/lib/services"
import { runningShop } from "../e2e/lib/shop"
import { sleep, workerLogs } from "./lib/observe"
import { confirmationRows, placeOrder } from "./lib/orders"

jest.setTimeout(10 * 60 * 1000)

const ORDERS = 5
/** The worker's variables with the slow provider preloaded beside what the shop preloads (the Stripe redirect). */
const slowEmail = () => ({
  NODE_OPTIONS:
    `${runningShop().env.NODE_OPTIONS ?? ""} --require "${join(__dirname, "lib", "slow-email-log.js")}"`.trim(),
})
let orders: string[]
let atKill: Record<string, Record<string, number>>
let final: Record<string, Record<string, number>>
let recoverySeconds: number
let loggedPerOrder: number[]

const sent = (rows: Record<string, Record<string, number>>) =>
  Object.values(rows).filter((byStatus) => (byStatus.success ?? 0) > 0).length

beforeAll(async () => {
  await stopService(runningShop(), "worker")
  const { pid } = await startService(runningShop(), "worker", 120, slowEmail())

  orders = []
  for (let n = 0; n < ORDERS; n += 1)
    orders.push(await placeOrder(runningShop(), `drill-kill-${Date.now()}-${n}@example.dk`))

  // Kill once at least one confirmation went out and the next one is held: mid-send.
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline && sent(await confirmationRows(runningShop(), orders)) < 1) await sleep(200)
  await sleep(1_500)
  atKill = await confirmationRows(runningShop(), orders)
  signalGroup(pid, "SIGKILL")
  while (groupAlive(pid)) await sleep(50)

  const restarted = Date.now()
  await startService(runningShop(), "worker", 120, slowEmail())
  const doneBy = Date.now() + 5 * 60_000
  for (;;) {
    final = await confirmationRows(runningShop(), orders)
    if (sent(final) === ORDERS || Date.now() > doneBy) break
    await sleep(1_000)
  }
  recoverySeconds = (Date.now() - restarted) / 1000
  // Give a duplicate the chance to show up before counting.
  await sleep(5_000)
  final = await confirmationRows(runningShop(), orders)
  const logs = workerLogs(runningShop())
  loggedPerOrder = orders.map(
    (id) => logs.split(`order confirmation: order ${id} for `).length - 1 // "… only logged via email-log"
  )

  console.log(
    [
      `drill worker-killed: ${ORDERS} orders placed; worker killed (SIGKILL) with ${sent(atKill)} confirmation(s) sent`,
      `  all ${sent(final)} of ${ORDERS} sent ${recoverySeconds.toFixed(0)} s after the new worker started`,
      `  rows per order: ${orders.map((id) => JSON.stringify(final[id])).join(" ")}`,
      `  confirmation log lines per order: ${loggedPerOrder.join(", ")} (duplicated ${loggedPerOrder.filter((n) => n > 1).length}, lost ${loggedPerOrder.filter((n) => n === 0).length})`,
    ].join("\n")
  )
})

afterAll(async () => {
  // The drills after this one get the worker as the shop runs it, without the slow provider.
  await stopService(runningShop(), "worker")
  await startService(runningShop(), "worker")
})

it("kills the worker while confirmations are still to be sent", () => {
  expect(sent(atKill)).toBeGreaterThanOrEqual(1)
  expect(sent(atKill)).toBeLessThan(ORDERS)
})

it("sends every confirmation exactly once after the restart", () => {
  expect(orders.map((id) => final[id].success ?? 0)).toEqual(Array(ORDERS).fill(1))
  expect(loggedPerOrder).toEqual(Array(ORDERS).fill(1))
})
