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
 * Every process it starts is stopped by PID in afterAll, also on failure.
 * Needs: PostgreSQL and Redis (as for every integration test), openssl, and
 * pgbouncer (installed from Debian's packages if missing).
 */
import { execFileSync } from "node:child_process"
import { randomBytes } from "node:crypto"
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import Redis from "ioredis"
import { Client } from "pg"
import { startS3Server, type ThrowawayS3 } from "../helpers/s3-server"
import { parseToml } from "../helpers/toml"
import settings from "../../.railway/deploy.json"
import { ensurePgbouncerInstalled, startPooler, type Pooler } from "../helpers/pgbouncer"
import {
  medusaRssMiB,
  pollHealth,
  pollStarting,
  ProcessTracker,
  startScriptPid,
  type Tracked,
} from "../helpers/processes"
import { makeCertificates } from "../helpers/tls"

jest.setTimeout(45 * 60 * 1000)

const REPO = join(__dirname, "..", "..")
const RESULTS = join(REPO, "test-results", "deploy-rehearsal")
const serverFile = parseToml(readFileSync(join(REPO, settings.services.server.configFile), "utf8")) as any
const workerFile = parseToml(readFileSync(join(REPO, settings.services.worker.configFile), "utf8")) as any

const POOLER_HOST = "127.0.0.2"
const SERVER_PORT = 19100
const WORKER_PORT = 19101
const SECOND_WORKER_PORT = 19102
const REDIS_DB = 12
const REDIS_URL = `redis://127.0.0.1:6379/${REDIS_DB}`
const secret = () => randomBytes(24).toString("hex")
const DB_PASSWORD = `db-${secret()}`
const ADMIN_EMAIL = "admin@rehearsal.beauty-shop.local"
const ADMIN_PASSWORD = `admin-${secret()}`
const JWT_SECRET = secret()
const COOKIE_SECRET = secret()
const REAL_DATABASE = `beauty_rehearsal_${Date.now()}`
const SECRETS = [DB_PASSWORD, ADMIN_PASSWORD, JWT_SECRET, COOKIE_SECRET]

/** Words that mean a production deploy silently fell back or leaked. */
const FORBIDDEN_IN_LOGS = ["Local Event Bus", 'Using "in-memory"', "fake redis", "MemoryStore", "sslmode"]

const work = mkdtempSync(join(tmpdir(), "beauty-rehearsal-"))
// pgbouncer runs as the postgres OS user and must reach its files in here.
chmodSync(work, 0o755)
const copy = join(work, "repo")
const tracker = new ProcessTracker(work)
process.on("exit", () => tracker.killAllNow())

const figures: Record<string, string | number | undefined> = {}
let txPooler: Pooler
/** The bucket both services store files in, as on Supabase Storage. */
let s3: ThrowawayS3
let sessionPooler: Pooler
let server: Tracked
let worker: Tracked
let migrateOutput = ""
let secondMigrate: { code: number | null; output: string }
let refusedMigrate: { code: number | null; output: string }
let peakSessionClients = 0
/** What the worker answered while it waited for the migration, and its start script's PID then and once ready. */
let waitingAnswer: { status: number; body: any }
let waitingPids: { before?: number; after?: number }
let defaultsAfterBoots: { stores: number; publishableKeys: number }
let storesWhenMigrated: number
let failingScriptMigrate: { code: number | null; output: string }

/** The variables a Railway service would have (never the test runner's own). */
function serviceEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = [
    "PATH",
    "HOME",
    "LANG",
    "NODE_EXTRA_CA_CERTS",
    "npm_config_globalconfig",
    "npm_config_nodedir",
    "npm_config_cache",
  ]
  const base: NodeJS.ProcessEnv = {}
  for (const key of keep) {
    if (process.env[key] !== undefined) {
      base[key] = process.env[key]
    }
  }
  return {
    ...base,
    NODE_ENV: "production",
    DATABASE_URL: txPooler.url,
    DATABASE_MIGRATION_URL: sessionPooler.url,
    DATABASE_CA_CERT: readFileSync(join(work, "tls", "ca.crt"), "utf8"),
    REDIS_URL,
    JWT_SECRET,
    COOKIE_SECRET,
    STORE_CORS: "http://localhost:8000",
    ADMIN_CORS: `http://localhost:${SERVER_PORT}`,
    AUTH_CORS: `http://localhost:${SERVER_PORT},http://localhost:8000`,
    EMAIL_LOG_ONLY: "true",
    ...s3.env,
    ...extra,
  }
}

/** Copies what git would check out (tracked and new, not ignored), like Railway's clone. */
function copyRepository(): void {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: REPO,
    encoding: "utf8",
  })
    .split("\0")
    .filter(Boolean)
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true })
    try {
      cpSync(join(REPO, file), join(copy, file))
    } catch {
      // deleted in the working tree but still in the index
    }
  }
}

/** Fails with the step's last output lines, so a broken step explains itself. */
function expectSuccess(step: { name: string; code: number | null; output: string }): void {
  if (step.code !== 0) {
    throw new Error(`${step.name} exited with ${step.code}:\n${step.output.slice(-4000)}`)
  }
}

async function waitForLog(service: Tracked, pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const match = service.output().match(pattern)
    if (match) {
      return match[0]
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`${service.name}: no log line matching ${pattern} within ${timeoutMs / 1000} s`)
}

async function postgres<T = Record<string, unknown>>(sql: string, database = "postgres"): Promise<T[]> {
  const client = new Client({ host: "127.0.0.1", port: 5432, user: "postgres", database })
  await client.connect()
  try {
    return (await client.query(sql)).rows as T[]
  } finally {
    await client.end()
  }
}

const api =
  (port: number) =>
  async (path: string, init: RequestInit & { token?: string; key?: string } = {}) => {
    const headers: Record<string, string> = { "content-type": "application/json" }
    if (init.token) headers.authorization = `Bearer ${init.token}`
    if (init.key) headers["x-publishable-api-key"] = init.key
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { ...init, headers })
    const text = await response.text()
    let body: any = text
    try {
      body = JSON.parse(text)
    } catch {
      // not JSON (the admin's HTML)
    }
    return { status: response.status, body, text }
  }
const serverApi = api(SERVER_PORT)

/** A published product with one size, through the server's Admin API. */
function createProduct(token: string, title: string, size: string, channelId?: string) {
  const handle = title.toLowerCase().replace(/\s+/g, "-")
  return serverApi("/admin/products", {
    method: "POST",
    token,
    body: JSON.stringify({
      title,
      handle,
      status: "published",
      options: [{ title: "Size", values: [size] }],
      variants: [
        {
          title: size,
          sku: handle.toUpperCase(),
          options: { Size: size },
          prices: [{ currency_code: "dkk", amount: 199 }],
        },
      ],
      ...(channelId ? { sales_channels: [{ id: channelId }] } : {}),
    }),
  })
}
const workerApi = api(WORKER_PORT)

beforeAll(async () => {
  ensurePgbouncerInstalled()
  mkdirSync(RESULTS, { recursive: true })
  await new Redis(REDIS_URL).flushdb().catch((e) => {
    throw new Error(`Redis is not reachable at 127.0.0.1:6379 (${e.message}); start it: redis-server --daemonize yes`)
  })
  await postgres(`CREATE DATABASE ${REAL_DATABASE}`)
  s3 = await startS3Server()

  mkdirSync(join(work, "tls"))
  const certificates = makeCertificates(join(work, "tls"), POOLER_HOST)
  const common = {
    listenAddress: POOLER_HOST,
    realDatabase: REAL_DATABASE,
    user: "postgres.rehearsal",
    password: DB_PASSWORD,
    adminUser: "pooler_admin",
    adminPassword: secret(),
    certificates,
  }
  txPooler = await startPooler(tracker, {
    ...common,
    name: "transaction",
    dir: join(work, "pgbouncer-tx"),
    port: 6543,
    poolMode: "transaction",
    maxClients: 200,
  })
  sessionPooler = await startPooler(tracker, {
    ...common,
    name: "session",
    dir: join(work, "pgbouncer-session"),
    port: 5432,
    poolMode: "session",
    maxClients: 15,
  })

  // 1. install and build in a clean copy, with the server service's variables
  copyRepository()
  const buildEnv = serviceEnv({ MEDUSA_WORKER_MODE: settings.services.server.workerMode })
  const install = await tracker.run("install", settings.build.installCommand, { cwd: copy, env: buildEnv })
  expectSuccess(install)
  figures["install (s)"] = Math.round(install.seconds)
  const build = await tracker.run("build", serverFile.build.buildCommand, { cwd: copy, env: buildEnv })
  expectSuccess(build)
  figures["build (s)"] = Math.round(build.seconds)

  // 2. pre-deploy migration through the session pooler, watching its client count
  const sampler = setInterval(async () => {
    try {
      const pools = await sessionPooler.admin("SHOW POOLS")
      const clients = pools
        .filter((p) => p.database === "postgres")
        .reduce((sum, p) => sum + Number(p.cl_active) + Number(p.cl_waiting), 0)
      peakSessionClients = Math.max(peakSessionClients, clients)
    } catch {
      // the admin console itself may be refused when the pooler is full
    }
  }, 500)
  // Railway starts the worker once its build is done, maybe before the
  // server's pre-deploy migration has run: it must wait, not crash. A second
  // worker boots at the same moment as the first once the schema is there,
  // the boot race for Medusa's store defaults.
  const workerEnv = serviceEnv({ PORT: String(WORKER_PORT), MEDUSA_WORKER_MODE: settings.services.worker.workerMode })
  worker = tracker.start("worker", `exec ${workerFile.deploy.startCommand}`, { cwd: copy, env: workerEnv })
  const secondWorker = tracker.start("worker-second", `exec ${workerFile.deploy.startCommand}`, {
    cwd: copy,
    env: { ...workerEnv, PORT: String(SECOND_WORKER_PORT) },
  })
  waitingAnswer = await pollStarting(worker, `http://127.0.0.1:${WORKER_PORT}${workerFile.deploy.healthcheckPath}`, 120)
  await pollStarting(secondWorker, `http://127.0.0.1:${SECOND_WORKER_PORT}${workerFile.deploy.healthcheckPath}`, 120)
  waitingPids = { before: startScriptPid(worker.pid) }

  const [preDeploy] = serverFile.deploy.preDeployCommand
  const serverEnv = serviceEnv({ PORT: String(SERVER_PORT), MEDUSA_WORKER_MODE: settings.services.server.workerMode })
  const migrate = await tracker.run("migrate", preDeploy, { cwd: copy, env: serverEnv })
  clearInterval(sampler)
  migrateOutput = migrate.output
  expectSuccess(migrate)
  figures["migration (s)"] = Math.round(migrate.seconds)
  figures["peak session-pooler clients during migration (limit 15)"] = peakSessionClients
  // Read at once: the waiting workers need seconds to notice and boot.
  const [{ count: migratedStores }] = await postgres<{ count: string }>("SELECT count(*) FROM store", REAL_DATABASE)
  storesWhenMigrated = Number(migratedStores)
  const [workerHealthy] = await Promise.all([
    pollHealth(
      worker,
      `http://127.0.0.1:${WORKER_PORT}${workerFile.deploy.healthcheckPath}`,
      workerFile.deploy.healthcheckTimeout
    ),
    pollHealth(
      secondWorker,
      `http://127.0.0.1:${SECOND_WORKER_PORT}${workerFile.deploy.healthcheckPath}`,
      workerFile.deploy.healthcheckTimeout
    ),
  ])
  figures["waiting worker: migration done to healthy (s)"] = Math.round(workerHealthy)
  waitingPids.after = startScriptPid(worker.pid)
  const [{ count: stores }] = await postgres<{ count: string }>("SELECT count(*) FROM store", REAL_DATABASE)
  const [{ count: keys }] = await postgres<{ count: string }>(
    "SELECT count(*) FROM api_key WHERE type = 'publishable' AND deleted_at IS NULL",
    REAL_DATABASE
  )
  defaultsAfterBoots = { stores: Number(stores), publishableKeys: Number(keys) }
  // The second worker has done its part; it would take jobs from the first.
  process.kill(secondWorker.pid, "SIGTERM")
  await secondWorker.exited

  secondMigrate = await tracker.run("migrate-again", preDeploy, { cwd: copy, env: serverEnv })
  // The store, its catalogue and an admin user, set up in the built app by
  // the script behind `npm run seed` (and `npm run dev`).
  const setup = await tracker.run("store-setup", "exec ./node_modules/.bin/medusa exec ./src/scripts/seed.js", {
    cwd: join(copy, ".medusa", "server"),
    env: { ...serverEnv, MEDUSA_ADMIN_EMAIL: ADMIN_EMAIL, MEDUSA_ADMIN_PASSWORD: ADMIN_PASSWORD },
  })
  expectSuccess(setup)
  const { DATABASE_MIGRATION_URL: _omit, ...withoutMigrationUrl } = serverEnv
  refusedMigrate = await tracker.run("migrate-without-session-url", preDeploy, { cwd: copy, env: withoutMigrationUrl })
  // A migration script that throws, in the built app: the deploy must fail.
  const failingScript = join(copy, ".medusa", "server", "src", "migration-scripts", "zz-rehearsal-fails.js")
  writeFileSync(failingScript, 'exports.default = async () => { throw new Error("rehearsal: this script fails") }\n')
  failingScriptMigrate = await tracker.run("migrate-failing-script", preDeploy, { cwd: copy, env: serverEnv })
  rmSync(failingScript)

  // 3. the server with its start command and port (the worker runs since step 2); healthcheck as Railway polls it
  // `exec`: the start command itself is the process Railway signals.
  server = tracker.start("server", `exec ${serverFile.deploy.startCommand}`, { cwd: copy, env: serverEnv })
  const serverHealthy = await pollHealth(
    server,
    `http://127.0.0.1:${SERVER_PORT}${serverFile.deploy.healthcheckPath}`,
    serverFile.deploy.healthcheckTimeout
  )
  figures["server boot to healthy (s)"] = Math.round(serverHealthy)
  figures["server RSS after boot (MiB)"] = medusaRssMiB(server.pid)
  figures["worker RSS after boot (MiB)"] = medusaRssMiB(worker.pid)
})

afterAll(async () => {
  await tracker.stopAll()
  await s3?.close()
  for (const name of [
    "install",
    "build",
    "migrate",
    "migrate-again",
    "migrate-without-session-url",
    "migrate-failing-script",
    "store-setup",
    "server",
    "worker",
    "worker-second",
    "worker-restarted",
    "pgbouncer-transaction",
    "pgbouncer-session",
  ]) {
    try {
      cpSync(join(work, `${name}.log`), join(RESULTS, `${name}.log`))
    } catch {
      // that step did not run
    }
  }
  writeFileSync(join(RESULTS, "figures.json"), JSON.stringify(figures, null, 2))
  console.log(
    ["deploy rehearsal figures:", ...Object.entries(figures).map(([k, v]) => `  ${k}: ${v ?? "n/a"}`)].join("\n")
  )
  await postgres(`DROP DATABASE IF EXISTS ${REAL_DATABASE} WITH (FORCE)`).catch(() => undefined)
  const redis = new Redis(REDIS_URL)
  await redis.flushdb().catch(() => undefined)
  redis.disconnect()
  rmSync(work, { recursive: true, force: true })
})

describe("deploy rehearsal", () => {
  describe("build and migration", () => {
    it("built the admin bundle into .medusa/server", () => {
      expect(readFileSync(join(copy, ".medusa", "server", "public", "admin", "index.html"), "utf8")).toContain("<html")
    })

    it("migrated through DATABASE_MIGRATION_URL (the session pooler), within its 15 clients", () => {
      // A local pgbouncer is no *.pooler.supabase.com host, so the pooler
      // detection calls it a direct connection; what matters is which URL.
      expect(migrateOutput).toContain(
        `[migrate] through DATABASE_MIGRATION_URL (direct connection) postgresql://postgres.rehearsal:***@${POOLER_HOST}:5432/postgres`
      )
      expect(peakSessionClients).toBeGreaterThan(0)
      expect(peakSessionClients).toBeLessThanOrEqual(15)
    })

    it("a worker started before the migration waits, its readiness 503 with the reason", () => {
      expect(waitingAnswer.status).toBe(503)
      expect(waitingAnswer.body).toEqual({
        status: "starting",
        reason: expect.stringMatching(/^waiting for \d+ pending migrations$/),
      })
      expect(worker.output()).toMatch(
        new RegExp(
          `\\[start\\] waiting for migrations: \\d+ pending \\(.*\\) \\(npm run migrate runs them\\) — at most ${settings.deploy.healthcheckTimeout} s`
        )
      )
    })

    it("the waiting worker becomes ready after the migration in the same process, without a restart", () => {
      expect(worker.output()).toMatch(/\[start\] migrations applied after \d+ s; starting Medusa/)
      expect(worker.child.exitCode).toBeNull()
      expect(waitingPids.before).toBeDefined()
      expect(waitingPids.after).toBe(waitingPids.before)
    })

    it("the migration creates the store defaults, before any boot could race to", () => {
      expect(storesWhenMigrated).toBe(1)
    })

    it("two workers booting at the same moment on the freshly migrated database leave one store and one default key", () => {
      expect(defaultsAfterBoots).toEqual({ stores: 1, publishableKeys: 1 })
    })

    it("a failing migration script fails the migration with one line naming the step", () => {
      expect(failingScriptMigrate.code).toBe(1)
      expect(failingScriptMigrate.output).toContain(
        "error: migration failed at step 2 of 2, migration scripts (medusa db:migrate:scripts): exit 1"
      )
    })

    it("a second migration changes nothing and exits 0", () => {
      expect(secondMigrate.code).toBe(0)
      expect(secondMigrate.output).not.toMatch(/Migrated Migration/)
    })

    it("refuses to migrate through the transaction pooler when DATABASE_MIGRATION_URL is missing", () => {
      expect(refusedMigrate.code).not.toBe(0)
      expect(refusedMigrate.output).toContain(
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
        worker,
        new RegExp(`catalogue: product ${productId} created; handled in worker mode`),
        30_000
      )
      expect(line).toContain("worker mode")
      expect(server.output()).not.toContain("catalogue: product")
    })

    it("the scheduled job runs in the worker only", async () => {
      await waitForLog(worker, /worker heartbeat: scheduled jobs are running \(worker mode/, 75_000)
      expect(server.output()).not.toContain("worker heartbeat")
    })
  })

  describe("logs and connections", () => {
    it.each(["server", "worker"])("the %s log shows no in-memory fallback, sslmode warning or secret", (name) => {
      const output = (name === "server" ? server : worker).output()
      expect(FORBIDDEN_IN_LOGS.filter((word) => output.includes(word))).toEqual([])
      expect(SECRETS.filter((s) => output.includes(s))).toEqual([])
      expect(output).toContain(
        `[config] database: ${POOLER_HOST}:6543/postgres; transaction pooler; TLS verify-full with CA`
      )
      expect(output).toContain(`[config] files: S3 bucket media at ${new URL(s3.endpoint).host}`)
    })

    it("the migration log contains no secret", () => {
      expect(SECRETS.filter((s) => migrateOutput.includes(s))).toEqual([])
    })

    it("server and worker are clients of the TLS transaction pooler", async () => {
      const clients = await txPooler.admin("SHOW CLIENTS")
      const app = clients.filter((c) => c.user === "postgres.rehearsal")
      expect(app.length).toBeGreaterThan(0)
      expect(app.every((c) => String(c.tls ?? "").startsWith("TLSv1."))).toBe(true)
      const stats = await txPooler.admin("SHOW STATS")
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

let productId: string | undefined

describe("graceful shutdown (runs last: it stops both services)", () => {
  it("SIGTERM to the start commands mid-request and mid-job: the request completes, both exit 0 within the draining time, and a restarted worker handles every event", async () => {
    const login = await serverApi("/auth/user/emailpass", {
      method: "POST",
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    })
    const token = login.body.token as string
    // A burst of product.created jobs for the worker, then the worker's SIGTERM
    // while they are being handled (mid-job), then the server's mid-request.
    const handledSoFar = () => (worker.output().match(/catalogue: product \S+ created/g) ?? []).length
    const handledBefore = handledSoFar()
    const burst = Array.from({ length: 12 }, (_, i) => createProduct(token, `Rehearsal burst cream ${i + 1}`, "50 ml"))
    // SIGTERM once the worker is busy with the burst, not before it started.
    const busyBy = Date.now() + 30_000
    while (handledSoFar() === handledBefore && Date.now() < busyBy) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const signalled = Date.now()
    process.kill(worker.pid, "SIGTERM")
    const inFlight = createProduct(token, "Rehearsal shutdown balm", "15 ml")
    await new Promise((resolve) => setTimeout(resolve, 50))
    process.kill(server.pid, "SIGTERM")

    const responses = await Promise.all([...burst, inFlight])
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200))
    const [serverExit, workerExit] = await Promise.all([server.exited, worker.exited])
    const seconds = (Date.now() - signalled) / 1000
    figures["SIGTERM to both services exited (s)"] = Math.round(seconds * 10) / 10
    expect({ server: serverExit.code, worker: workerExit.code }).toEqual({ server: 0, worker: 0 })
    expect(seconds).toBeLessThan(settings.deploy.drainingSeconds)
    expect(server.output()).toContain("Gracefully shutting down server")

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
    const beforeExit = handledBy(worker)
    figures["shutdown: product.created jobs handled before the worker exited"] = `${beforeExit} of ${rows.length}`
    // The signal really came mid-burst: some jobs were left for the next worker.
    expect(beforeExit).toBeLessThan(rows.length)

    const next = tracker.start("worker-restarted", `exec ${workerFile.deploy.startCommand}`, {
      cwd: copy,
      env: serviceEnv({ PORT: String(WORKER_PORT), MEDUSA_WORKER_MODE: settings.services.worker.workerMode }),
    })
    await pollHealth(
      next,
      `http://127.0.0.1:${WORKER_PORT}${workerFile.deploy.healthcheckPath}`,
      workerFile.deploy.healthcheckTimeout
    )
    const deadline = Date.now() + 60_000
    const missing = () =>
      rows.filter((r) => ![worker, next].some((w) => w.output().includes(`catalogue: product ${r.id} created`)))
    while (missing().length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    figures["shutdown: product.created jobs handled by the restarted worker"] = handledBy(next)
    expect(missing().map((r) => r.id)).toEqual([])
    process.kill(next.pid, "SIGTERM")
    expect((await next.exited).code).toBe(0)
  })
})
