/**
 * The deploy rehearsal: does locally what Railway does on a deploy, with the
 * commands read from the deploy files (never repeated here), real processes,
 * a real TLS transaction pooler and real Redis.
 *
 *   clean copy of the repo -> install + build (deploy.json / railway.toml)
 *   -> the worker started on the empty database before the migration, as
 *      Railway may (it waits, readiness 503), with a second worker booting
 *      at the same moment
 *   -> pre-deploy migration through a session-mode pgbouncer (max 15 clients)
 *   -> both workers ready in the same process; one store
 *   -> server and worker with their start commands through a transaction-mode
 *      pgbouncer with TLS on 127.0.0.2 (a "remote" host to Medusa, like
 *      Supabase), verifying the certificate with a throwaway CA
 *   -> healthchecks, then what each service serves and runs.
 *
 * Each phase is a function in lib/, run in order by beforeAll. Every process
 * the rehearsal starts is stopped by PID in afterAll, also on failure.
 * Needs: PostgreSQL and Redis (as for every integration test), openssl, and
 * pgbouncer (installed from Debian's packages if missing).
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { pollHealth, type Tracked } from "../helpers/processes"
import { createProduct, serverApi, workerApi } from "./lib/rehearsal-api"
import { buildLikeRailway } from "./lib/rehearsal-build"
import { prepareInfrastructure, removeInfrastructure, type Infrastructure } from "./lib/rehearsal-infrastructure"
import { migrateLikeRailway, type Migration } from "./lib/rehearsal-migration"
import { waitForLog } from "./lib/rehearsal-output"
import { postgres } from "./lib/rehearsal-postgres"
import { figures, keepRecord } from "./lib/rehearsal-record"
import { startServer } from "./lib/rehearsal-services"
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  copy,
  FORBIDDEN_IN_LOGS,
  POOLER_HOST,
  REAL_DATABASE,
  SECRETS,
  settings,
  tracker,
  WORKER_PORT,
  workerEnv,
  workerFile,
} from "./lib/rehearsal-setting"

jest.setTimeout(45 * 60 * 1000)

/** What the deploy's phases leave for the tests. */
interface Rehearsal {
  infrastructure: Infrastructure
  migration: Migration
  worker: Tracked
  server: Tracked
}
/** Filled phase by phase, so afterAll finds whatever a failed beforeAll got to. */
const rehearsal = {} as Rehearsal
/** The product the Store API test creates, for the test of the worker's subscriber. */
let productId: string | undefined

beforeAll(async () => {
  rehearsal.infrastructure = await prepareInfrastructure()
  await buildLikeRailway(rehearsal.infrastructure)
  const { worker, migration } = await migrateLikeRailway(rehearsal.infrastructure)
  rehearsal.worker = worker
  rehearsal.migration = migration
  rehearsal.server = await startServer(rehearsal.infrastructure, worker)
})

afterAll(async () => {
  await tracker.stopAll()
  await rehearsal.infrastructure?.s3.close()
  keepRecord()
  await removeInfrastructure()
})

describe("deploy rehearsal", () => {
  describe("build and migration", () => {
    it("built the admin bundle into .medusa/server", () => {
      expect(readFileSync(join(copy, ".medusa", "server", "public", "admin", "index.html"), "utf8")).toContain("<html")
    })

    it("migrated through DATABASE_MIGRATION_URL (the session pooler), within its 15 clients", () => {
      // A local pgbouncer is no *.pooler.supabase.com host, so the pooler
      // detection calls it a direct connection; what matters is which URL.
      expect(rehearsal.migration.output).toContain(
        `[migrate] through DATABASE_MIGRATION_URL (direct connection) postgresql://postgres.rehearsal:***@${POOLER_HOST}:5432/postgres`
      )
      expect(rehearsal.migration.sessionClients.peak).toBeGreaterThan(0)
      expect(rehearsal.migration.sessionClients.peak).toBeLessThanOrEqual(15)
    })

    it("a worker started before the migration waits, its readiness 503 with the reason", () => {
      expect(rehearsal.migration.waitingAnswer.status).toBe(503)
      expect(rehearsal.migration.waitingAnswer.body).toEqual({
        status: "starting",
        reason: expect.stringMatching(/^waiting for \d+ pending migrations$/),
      })
      expect(rehearsal.worker.output()).toMatch(
        new RegExp(
          `\\[start\\] waiting for migrations: \\d+ pending \\(.*\\) \\(npm run migrate runs them\\) — at most ${settings.deploy.healthcheckTimeout} s`
        )
      )
    })

    it("the waiting worker becomes ready after the migration in the same process, without a restart", () => {
      expect(rehearsal.worker.output()).toMatch(/\[start\] migrations applied after \d+ s; starting Medusa/)
      expect(rehearsal.worker.child.exitCode).toBeNull()
      expect(rehearsal.migration.waitingPids.before).toBeDefined()
      expect(rehearsal.migration.waitingPids.after).toBe(rehearsal.migration.waitingPids.before)
    })

    it("the migration creates the store defaults, before any boot could race to", () => {
      expect(rehearsal.migration.storesWhenMigrated).toBe(1)
    })

    it("two workers booting at the same moment on the freshly migrated database leave one store and one default key", () => {
      expect(rehearsal.migration.defaultsAfterBoots).toEqual({ stores: 1, publishableKeys: 1 })
    })

    it("a failing migration script fails the migration with one line naming the step", () => {
      expect(rehearsal.migration.failingScript.code).toBe(1)
      expect(rehearsal.migration.failingScript.output).toContain(
        "error: migration failed at step 2 of 2, migration scripts (medusa db:migrate:scripts): exit 1"
      )
    })

    it("a second migration changes nothing and exits 0", () => {
      expect(rehearsal.migration.second.code).toBe(0)
      expect(rehearsal.migration.second.output).not.toMatch(/Migrated Migration/)
    })

    it("refuses to migrate through the transaction pooler when DATABASE_MIGRATION_URL is missing", () => {
      expect(rehearsal.migration.refused.code).not.toBe(0)
      expect(rehearsal.migration.refused.output).toContain(
        "error: DATABASE_MIGRATION_URL: is not set and DATABASE_URL is a transaction pooler (port 6543)"
      )
    })

    it("the migration reached the real database behind the pooler", async () => {
      const [{ count }] = await postgres<{ count: string }>(
        "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('product', 'order', 'cart')",
        REAL_DATABASE
      )
      expect(Number(count)).toBe(3)
    })
  })

  describe("what each service serves", () => {
    it("the server serves the admin dashboard at /app", async () => {
      const response = await serverApi("/app")
      expect(response.status).toBe(200)
      expect(response.text).toMatch(/<div id="medusa"|<script type="module"/)
    })

    it("the server's readiness endpoint reports the database and Redis through the pooler", async () => {
      const ready = await serverApi("/health/ready")
      expect(ready.status).toBe(200)
      expect(ready.body).toMatchObject({ status: "ok", mode: "server", database: { ok: true }, redis: { ok: true } })
      expect(SECRETS.filter((s) => ready.text.includes(s))).toEqual([])
    })

    it("the worker serves neither the admin nor the Store API, only /health and its readiness", async () => {
      expect((await workerApi("/app")).status).toBe(404)
      expect((await workerApi("/store/products")).status).toBe(404)
      expect((await workerApi("/health")).text).toBe("OK")
      const ready = await workerApi("/health/ready")
      expect(ready.status).toBe(200)
      expect(ready.body).toMatchObject({ status: "ok", mode: "worker", database: { ok: true }, redis: { ok: true } })
      expect(SECRETS.filter((s) => ready.text.includes(s))).toEqual([])
    })

    it("the server's Store API lists a product created through its Admin API", async () => {
      const login = await serverApi("/auth/user/emailpass", {
        method: "POST",
        body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
      })
      expect(login.status).toBe(200)
      const token = login.body.token as string
      const { body: channels } = await serverApi("/admin/sales-channels?name=Webshop", { token })
      const channelId = channels.sales_channels[0].id
      // Medusa makes its own "Default Publishable API Key" for its default
      // channel; the storefront's key is the one the store setup made.
      const { body: keys } = await serverApi("/admin/api-keys?type=publishable&title=Webshop%20storefront", { token })
      const key = keys.api_keys[0].token as string

      const created = await createProduct(token, "Rehearsal rose serum", "30 ml", channelId)
      expect(created.status).toBe(200)
      productId = created.body.product.id

      const listed = await serverApi("/store/products", { key })
      expect(listed.status).toBe(200)
      const handles = listed.body.products.map((p: { handle: string }) => p.handle)
      expect(handles).toContain("rehearsal-rose-serum")
      expect((await serverApi("/store/products")).status).toBe(400)
    })

    it("the product.created event is handled by the worker's subscriber, not the server's", async () => {
      expect(productId).toBeDefined()
      const line = await waitForLog(
        rehearsal.worker,
        new RegExp(`catalogue: product ${productId} created; handled in worker mode`),
        30_000
      )
      expect(line).toContain("worker mode")
      expect(rehearsal.server.output()).not.toContain("catalogue: product")
    })

    it("the scheduled job runs in the worker only", async () => {
      await waitForLog(rehearsal.worker, /worker heartbeat: scheduled jobs are running \(worker mode/, 75_000)
      expect(rehearsal.server.output()).not.toContain("worker heartbeat")
    })
  })

  describe("logs and connections", () => {
    it.each(["server", "worker"])("the %s log shows no in-memory fallback, sslmode warning or secret", (name) => {
      const output = (name === "server" ? rehearsal.server : rehearsal.worker).output()
      expect(FORBIDDEN_IN_LOGS.filter((word) => output.includes(word))).toEqual([])
      expect(SECRETS.filter((s) => output.includes(s))).toEqual([])
      expect(output).toContain(
        `[config] database: ${POOLER_HOST}:6543/postgres; transaction pooler; TLS verify-full with CA`
      )
      expect(output).toContain(
        `[config] files: S3 bucket media at ${new URL(rehearsal.infrastructure.s3.endpoint).host}`
      )
    })

    it("the migration log contains no secret", () => {
      expect(SECRETS.filter((s) => rehearsal.migration.output.includes(s))).toEqual([])
    })

    it("server and worker are clients of the TLS transaction pooler", async () => {
      const clients = await rehearsal.infrastructure.txPooler.admin("SHOW CLIENTS")
      const app = clients.filter((c) => c.user === "postgres.rehearsal")
      expect(app.length).toBeGreaterThan(0)
      expect(app.every((c) => String(c.tls ?? "").startsWith("TLSv1."))).toBe(true)
      const stats = await rehearsal.infrastructure.txPooler.admin("SHOW STATS")
      const queries = Number(stats.find((s) => s.database === "postgres")?.total_query_count ?? 0)
      figures["queries through the transaction pooler"] = queries
      expect(queries).toBeGreaterThan(100)
    })

    it("no process reached PostgreSQL except through a pooler", async () => {
      const sessions = await postgres<{ client_addr: string | null }>(
        `SELECT client_addr FROM pg_stat_activity WHERE datname = '${REAL_DATABASE}'`
      )
      expect(sessions.length).toBeGreaterThan(0)
      // The poolers reach PostgreSQL over its Unix socket (no address); a
      // direct connection from Medusa would come from 127.0.0.1.
      expect(sessions.filter((s) => s.client_addr !== null)).toEqual([])
    })
  })
})

describe("graceful shutdown (runs last: it stops both services)", () => {
  it("SIGTERM to the start commands mid-request and mid-job: the request completes, both exit 0 within the draining time, and a restarted worker handles every event", async () => {
    const login = await serverApi("/auth/user/emailpass", {
      method: "POST",
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    })
    const token = login.body.token as string
    // A burst of product.created jobs for the worker, then the worker's SIGTERM
    // while they are being handled (mid-job), then the server's mid-request.
    const handledSoFar = () => (rehearsal.worker.output().match(/catalogue: product \S+ created/g) ?? []).length
    const handledBefore = handledSoFar()
    const burst = Array.from({ length: 12 }, (_, i) => createProduct(token, `Rehearsal burst cream ${i + 1}`, "50 ml"))
    // SIGTERM once the worker is busy with the burst, not before it started.
    const busyBy = Date.now() + 30_000
    while (handledSoFar() === handledBefore && Date.now() < busyBy) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const signalled = Date.now()
    process.kill(rehearsal.worker.pid, "SIGTERM")
    const inFlight = createProduct(token, "Rehearsal shutdown balm", "15 ml")
    await new Promise((resolve) => setTimeout(resolve, 50))
    process.kill(rehearsal.server.pid, "SIGTERM")

    const responses = await Promise.all([...burst, inFlight])
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200))
    const [serverExit, workerExit] = await Promise.all([rehearsal.server.exited, rehearsal.worker.exited])
    const seconds = (Date.now() - signalled) / 1000
    figures["SIGTERM to both services exited (s)"] = Math.round(seconds * 10) / 10
    expect({ server: serverExit.code, worker: workerExit.code }).toEqual({ server: 0, worker: 0 })
    expect(seconds).toBeLessThan(settings.deploy.drainingSeconds)
    expect(rehearsal.server.output()).toContain("Gracefully shutting down server")

    // Nothing lost: every product was written, and every product.created job
    // was either handled by the stopped worker or handed back to Redis and
    // handled by the next worker, as after a redeploy.
    const rows = await postgres<{ id: string }>(
      "SELECT id FROM product WHERE handle LIKE 'rehearsal-burst-cream-%' OR handle = 'rehearsal-shutdown-balm'",
      REAL_DATABASE
    )
    expect(rows).toHaveLength(13)
    const handledBy = (service: Tracked) =>
      rows.filter((r) => service.output().includes(`catalogue: product ${r.id} created`)).length
    const beforeExit = handledBy(rehearsal.worker)
    figures["shutdown: product.created jobs handled before the worker exited"] = `${beforeExit} of ${rows.length}`
    // The signal really came mid-burst: some jobs were left for the next worker.
    expect(beforeExit).toBeLessThan(rows.length)

    const next = tracker.start("worker-restarted", `exec ${workerFile.deploy.startCommand}`, {
      cwd: copy,
      env: workerEnv(rehearsal.infrastructure),
    })
    await pollHealth(
      next,
      `http://127.0.0.1:${WORKER_PORT}${workerFile.deploy.healthcheckPath}`,
      workerFile.deploy.healthcheckTimeout
    )
    const deadline = Date.now() + 60_000
    const missing = () =>
      rows.filter(
        (r) => ![rehearsal.worker, next].some((w) => w.output().includes(`catalogue: product ${r.id} created`))
      )
    while (missing().length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    figures["shutdown: product.created jobs handled by the restarted worker"] = handledBy(next)
    expect(missing().map((r) => r.id)).toEqual([])
    process.kill(next.pid, "SIGTERM")
    expect((await next.exited).code).toBe(0)
  })
})
