import { createServer } from "node:net"
import { listenWhileWaiting, waitForMigrations, waitingResponse } from "../migration-wait"
import type { PendingMigrations } from "../pending-migrations"

const pendingOf = (modules: number, scripts = 0): PendingMigrations => ({
  modules: Array.from({ length: modules }, (_, i) => `Migration${i}`),
  scripts: Array.from({ length: scripts }, (_, i) => `script${i}.js`),
  total: modules + scripts,
})

/** A clock that moves only when the wait sleeps. */
function fakeClock() {
  let now = 0
  return { now: () => now, sleep: async (ms: number) => void (now += ms) }
}

describe("waiting for migrations", () => {
  it("says nothing and returns at once when nothing is pending", async () => {
    const lines: string[] = []
    const result = await waitForMigrations({
      check: async () => pendingOf(0),
      limitMs: 300_000,
      log: (l) => lines.push(l),
      ...fakeClock(),
    })
    expect(result).toEqual({ ok: true, waitedMs: 0 })
    expect(lines).toEqual([])
  })

  it("logs when it starts waiting, every 15 s, and when done; reports the reason meanwhile", async () => {
    const lines: string[] = []
    const reasons: string[] = []
    const answers = [pendingOf(90, 3), ...Array(10).fill(pendingOf(40)), pendingOf(0)]
    const result = await waitForMigrations({
      check: async () => answers.shift()!,
      limitMs: 300_000,
      pollMs: 2_000,
      log: (l) => lines.push(l),
      onStatus: ({ reason }) => void reasons.push(reason),
      ...fakeClock(),
    })
    expect(result).toEqual({ ok: true, waitedMs: 22_000 })
    expect(lines).toEqual([
      "[start] waiting for migrations: 93 pending (90 module migrations, 3 migration scripts) (npm run migrate runs them) — at most 300 s",
      "[start] still waiting for migrations: 40 pending (40 module migrations) (16 s of 300 s)",
      "[start] migrations applied after 22 s; starting Medusa",
    ])
    expect(reasons[0]).toBe("waiting for 93 pending migrations")
    expect(reasons.at(-1)).toBe("waiting for 40 pending migrations")
  })

  it.each([
    {
      reason: "what is still pending",
      check: async () => pendingOf(1),
      message:
        "migrations still not applied after 10 s: 1 pending (1 module migration); the server's pre-deploy npm run migrate applies them (see its log)",
    },
    {
      reason: "the database could not be asked",
      check: () => Promise.reject(new Error("connect ECONNREFUSED 10.0.0.1:6543")),
      message:
        "could not check for pending migrations within 10 s: the database cannot be asked (connect ECONNREFUSED 10.0.0.1:6543)",
    },
  ])("gives up after the limit with one line saying $reason", async ({ check, message }) => {
    const result = await waitForMigrations({ check, limitMs: 10_000, log: () => undefined, ...fakeClock() })
    expect(result).toEqual({ ok: false, message })
  })

  it("keeps waiting while the database cannot be asked, without quoting its URL", async () => {
    const lines: string[] = []
    const reasons: string[] = []
    const answers: Array<() => Promise<PendingMigrations>> = [
      () => Promise.reject(new Error("connect ECONNREFUSED postgres://u:secret@db:6543/postgres")),
      async () => pendingOf(0),
    ]
    const result = await waitForMigrations({
      check: () => answers.shift()!(),
      limitMs: 60_000,
      log: (l) => lines.push(l),
      onStatus: ({ reason }) => void reasons.push(reason),
      ...fakeClock(),
    })
    expect(result.ok).toBe(true)
    expect(lines[0]).toBe(
      "[start] waiting for migrations: the database cannot be asked (connect ECONNREFUSED <url>) (npm run migrate runs them) — at most 60 s"
    )
    expect(reasons).toEqual(["waiting for the database"])
  })
})

it("bounds a check that hangs (a database accepting no connection) and keeps waiting", async () => {
  const lines: string[] = []
  const answers: Array<() => Promise<PendingMigrations>> = [
    () => new Promise(() => undefined),
    async () => pendingOf(0),
  ]
  const result = await waitForMigrations({
    check: () => answers.shift()!(),
    limitMs: 60_000,
    checkTimeoutMs: 20,
    pollMs: 1,
    log: (l) => lines.push(l),
  })
  expect(result.ok).toBe(true)
  expect(lines[0]).toBe(
    "[start] waiting for migrations: the database cannot be asked (no answer within 0 s) (npm run migrate runs them) — at most 60 s"
  )
})

describe("the answer while waiting", () => {
  it("is 503 with the reason for readiness and 200 for liveness", () => {
    expect(waitingResponse("GET", "/health/ready?x=1", "waiting for 93 pending migrations")).toEqual({
      status: 503,
      contentType: "application/json; charset=utf-8",
      body: '{"status":"starting","reason":"waiting for 93 pending migrations"}',
    })
    expect(waitingResponse("GET", "/health", "r").status).toBe(200)
    expect(waitingResponse("GET", "/store/products", "r").status).toBe(503)
  })

  it("serves on the port and frees it when closed", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, () => {
        const { port } = probe.address() as { port: number }
        probe.close(() => resolve(port))
      })
    })
    const listener = await listenWhileWaiting(port, "waiting for 2 pending migrations", () => undefined)
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`)
    expect(ready.status).toBe(503)
    expect(await ready.json()).toEqual({ status: "starting", reason: "waiting for 2 pending migrations" })
    listener.setReason("waiting for 1 pending migration")
    expect(await (await fetch(`http://127.0.0.1:${port}/health/ready`)).json()).toMatchObject({
      reason: "waiting for 1 pending migration",
    })
    await listener.close()
    // The port is free for Medusa.
    await new Promise<void>((resolve, reject) => {
      const next = createServer()
        .once("error", reject)
        .listen(port, () => next.close(() => resolve()))
    })
  })
})
