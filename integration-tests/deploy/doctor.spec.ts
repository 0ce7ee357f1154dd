/**
 * `npm run doctor` against real services, in a good and in broken
 * configurations: TLS poolers (Debian's pgbouncer, a throwaway CA), the
 * machine's Redis, a Redis port nothing listens on, a wrong password, and a
 * certificate signed by a CA the client does not trust. Runs the command the
 * README gives, with an --env-file like an operator would.
 */
import { spawnSync } from "node:child_process"
import { randomBytes } from "node:crypto"
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { STRIPE_LIVE, SUPABASE_STORAGE } from "../../src/config/__tests__/production-env"
import { brokenDeploySettings } from "../../src/doctor/__tests__/broken-deploy-settings"
import { ensurePgbouncerInstalled, startPooler, type Pooler } from "../helpers/pgbouncer"
import { asPostgres } from "../helpers/postgres"
import { ProcessTracker } from "../helpers/processes"
import { makeCertificates } from "../helpers/tls"

jest.setTimeout(5 * 60 * 1000)

const REPO = join(__dirname, "..", "..")
const POOLER_HOST = "127.0.0.2"
const DB_PASSWORD = `db-${randomBytes(16).toString("hex")}`
const REAL_DATABASE = `beauty_doctor_${Date.now()}`
const STRONG = randomBytes(32).toString("hex")

const work = mkdtempSync(join(tmpdir(), "beauty-doctor-"))
chmodSync(work, 0o755)
const tracker = new ProcessTracker(work)
process.on("exit", () => tracker.killAllNow())

let tx: Pooler
let session: Pooler
let caPem = ""
let otherCaPem = ""

function doctor(env: Record<string, string>): { code: number | null; output: string } {
  const file = join(work, `env-${randomBytes(4).toString("hex")}`)
  // Single quotes: taken literally by the .env parser (JSON and PEM inside).
  writeFileSync(
    file,
    Object.entries(env)
      .map(([k, v]) => `${k}='${v}'`)
      .join("\n")
  )
  const result = spawnSync("npm", ["run", "--silent", "doctor", "--", "--env-file", file], {
    cwd: REPO,
    encoding: "utf8",
    env: { PATH: `${dirname(process.execPath)}:${process.env.PATH}`, HOME: process.env.HOME },
    timeout: 120_000,
  })
  return { code: result.status, output: result.stdout + result.stderr }
}

const row = (output: string, status: string, check: string) =>
  output.split("\n").find((line) => line.startsWith(status.padEnd(6)) && line.includes(check))

function goodWorker(): Record<string, string> {
  return {
    NODE_ENV: "production",
    MEDUSA_WORKER_MODE: "worker",
    DATABASE_URL: tx.url,
    DATABASE_MIGRATION_URL: session.url,
    DATABASE_CA_CERT: caPem,
    REDIS_URL: "redis://127.0.0.1:6379",
    JWT_SECRET: STRONG,
    COOKIE_SECRET: STRONG + "c",
    STORE_CORS: "https://shop.example.dk",
    ADMIN_CORS: "https://api.example.dk",
    AUTH_CORS: "https://shop.example.dk,https://api.example.dk",
    // A production worker sends order confirmations; without these the doctor warns.
    SENDGRID_API_KEY: `SG.${randomBytes(16).toString("hex")}`,
    SENDGRID_FROM: "ordre@beauty-shop.dk",
    ...SUPABASE_STORAGE,
    ...STRIPE_LIVE,
  }
}

beforeAll(async () => {
  ensurePgbouncerInstalled()
  await asPostgres(`CREATE DATABASE ${REAL_DATABASE}`)
  mkdirSync(join(work, "tls"))
  mkdirSync(join(work, "other-tls"))
  const certificates = makeCertificates(join(work, "tls"), POOLER_HOST)
  caPem = certificates.caPem
  otherCaPem = makeCertificates(join(work, "other-tls"), POOLER_HOST).caPem
  const common = {
    listenAddress: POOLER_HOST,
    realDatabase: REAL_DATABASE,
    user: "postgres.doctor",
    password: DB_PASSWORD,
    adminUser: "pooler_admin",
    adminPassword: randomBytes(16).toString("hex"),
    certificates,
  }
  tx = await startPooler(tracker, {
    ...common,
    name: "tx",
    dir: join(work, "tx"),
    port: 6543,
    poolMode: "transaction",
    maxClients: 50,
  })
  session = await startPooler(tracker, {
    ...common,
    name: "session",
    dir: join(work, "session"),
    port: 5432,
    poolMode: "session",
    maxClients: 15,
  })
})

afterAll(async () => {
  await tracker.stopAll(5_000)
  await asPostgres(`DROP DATABASE IF EXISTS ${REAL_DATABASE} WITH (FORCE)`).catch(() => undefined)
  rmSync(work, { recursive: true, force: true })
})

describe("npm run doctor", () => {
  it("passes a correct worker configuration, connecting over verified TLS (exit 0)", () => {
    const { code, output } = doctor(goodWorker())
    expect(row(output, "PASS", "database (DATABASE_URL)")).toMatch(
      /connected to 127\.0\.0\.2:6543; TLS TLSv1\.[23], certificate verified/
    )
    expect(row(output, "PASS", "database (DATABASE_MIGRATION_URL)")).toContain("127.0.0.2:5432")
    expect(row(output, "PASS", "Redis")).toContain("PING answered by 127.0.0.1:6379")
    expect(output).toMatch(/doctor: \d+ pass, 0 warn, 0 fail/)
    expect(code).toBe(0)
  })

  it("fails a Redis port nothing listens on", () => {
    const { code, output } = doctor({ ...goodWorker(), REDIS_URL: "redis://127.0.0.1:6399" })
    expect(row(output, "FAIL", "Redis")).toMatch(/cannot reach 127\.0\.0\.1:6399: .*ECONNREFUSED/)
    expect(code).toBe(2)
  })

  it("fails a wrong database password, with the fix, without printing the password", () => {
    const wrong = tx.url.replace(DB_PASSWORD, "not-the-password")
    const { code, output } = doctor({ ...goodWorker(), DATABASE_URL: wrong })
    expect(row(output, "FAIL", "database (DATABASE_URL)")).toMatch(/cannot connect to 127\.0\.0\.2:6543/)
    expect(output).toContain("fix: check the password in the URL")
    expect(output).not.toContain("not-the-password")
    expect(output).not.toContain(DB_PASSWORD)
    expect(code).toBe(2)
  })

  it("fails a server certificate from a CA it was not given", () => {
    const { code, output } = doctor({ ...goodWorker(), DATABASE_CA_CERT: otherCaPem })
    expect(row(output, "FAIL", "database (DATABASE_URL)")).toMatch(/certificate/)
    expect(output).toContain("fix: set DATABASE_CA_CERT to the CA that signed the server's certificate")
    expect(code).toBe(2)
  })

  it("reports each problem of the broken deploy configuration against real services, with its fix", () => {
    const broken = brokenDeploySettings(tx.url)
    const { code, output } = doctor(broken)
    for (const failure of [
      "config REDIS_URL",
      "config JWT_SECRET",
      "config COOKIE_SECRET",
      "config ADMIN_CORS",
      "migration connection",
    ]) {
      expect([failure, row(output, "FAIL", failure)]).toEqual([failure, expect.any(String)])
    }
    expect(row(output, "WARN", "configuration")).toBeDefined()
    expect(output).toContain("removed ?pgbouncer=")
    expect(output).toContain("Medusa 1 shape")
    expect(output).toContain("production runs in shared mode")
    // Those database settings do connect, but without verifying the server.
    expect(row(output, "PASS", "database (DATABASE_URL)")).toContain("certificate NOT verified")
    expect(output).not.toContain(DB_PASSWORD)
    expect(code).toBe(2)
  })
})
