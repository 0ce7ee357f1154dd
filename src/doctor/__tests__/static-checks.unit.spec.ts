import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { exitCode, formatTable, type CheckResult } from "../report"
import { staticChecks, type StaticInput } from "../static-checks"
import { STRIPE_LIVE, SUPABASE_STORAGE } from "../../config/__tests__/production-env"
import { brokenDeploySettings } from "./broken-deploy-settings"

const STRONG = "k".repeat(20) + "Q7v!k2#LmP9sTz4wXy"
const withBuild = mkdtempSync(join(tmpdir(), "doctor-build-"))
const withoutBuild = mkdtempSync(join(tmpdir(), "doctor-nobuild-"))
mkdirSync(join(withBuild, ".medusa", "server", "public", "admin"), { recursive: true })
writeFileSync(join(withBuild, ".medusa", "server", "public", "admin", "index.html"), "<html></html>")
afterAll(() => {
  rmSync(withBuild, { recursive: true, force: true })
  rmSync(withoutBuild, { recursive: true, force: true })
})

const GOOD_SERVER = {
  NODE_ENV: "production",
  MEDUSA_WORKER_MODE: "server",
  DATABASE_URL: "postgresql://postgres.ref:pw@aws-1-eu-west-1.pooler.supabase.com:6543/postgres",
  DATABASE_MIGRATION_URL: "postgresql://postgres.ref:pw@aws-1-eu-west-1.pooler.supabase.com:5432/postgres",
  DATABASE_CA_CERT: "-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----",
  REDIS_URL: "redis://default:pw@redis.railway.internal:6379",
  JWT_SECRET: STRONG,
  COOKIE_SECRET: STRONG + "c",
  STORE_CORS: "https://shop.example.dk",
  ADMIN_CORS: "https://api.example.dk",
  AUTH_CORS: "https://shop.example.dk,https://api.example.dk",
  ...SUPABASE_STORAGE,
  ...STRIPE_LIVE,
}

function check(env: StaticInput["env"], overrides: Partial<StaticInput> = {}): CheckResult[] {
  return staticChecks({ env, root: withBuild, nodeVersion: "v22.23.3", enginesNode: ">=22.12.0 <23", ...overrides })
    .results
}
const statusOf = (results: CheckResult[], name: string) => results.filter((r) => r.check === name).map((r) => r.status)

describe("doctor: static checks", () => {
  it("passes a correct production server configuration", () => {
    const results = check(GOOD_SERVER)
    expect(results.filter((r) => r.status !== "pass")).toEqual([])
    expect(exitCode(results)).toBe(0)
  })

  it("reports every problem of the shop's first, broken deploy configuration, each with a fix", () => {
    const results = check(
      brokenDeploySettings("postgresql://postgres.xxx:pw@aws-1-eu-west-1.pooler.supabase.com:6543/postgres"),
      { root: withoutBuild }
    )
    const failures = results.filter((r) => r.status === "fail").map((r) => r.check)
    expect(failures).toEqual([
      "config REDIS_URL",
      "config JWT_SECRET",
      "config COOKIE_SECRET",
      "config ADMIN_CORS",
      "config AUTH_CORS",
      "config SENDGRID_API_KEY",
      "config S3_BUCKET",
      "migration connection",
      "admin build",
    ])
    const warnings = results.filter((r) => r.status === "warn").map((r) => r.detail)
    expect(warnings).toEqual([
      "DATABASE_URL: removed ?pgbouncer= (a Prisma flag that node-postgres ignores)",
      "database TLS is encrypted but the server certificate is NOT verified; set DATABASE_CA_CERT (Supabase: prod-ca-2021.crt) to verify it",
      "no Stripe: customers can only pay with the manual provider, no money is taken",
      'is in the Medusa 1 shape {"ssl":...}; Medusa 2 reads connection.ssl (this project converts it)',
      "production runs in shared mode: HTTP and background work share one process",
    ])
    expect(results.filter((r) => r.status !== "pass").every((r) => r.fix && r.fix.length > 10)).toBe(true)
    // The fix travels with the warning from the config module that made it.
    expect(results.find((r) => r.detail.includes("pgbouncer"))?.fix).toBe(
      "remove ?pgbouncer=true from DATABASE_URL (a Prisma flag; node-postgres ignores it)"
    )
    expect(exitCode(results)).toBe(2)
  })

  it("fails a migration URL that is a transaction pooler", () => {
    const results = check({ ...GOOD_SERVER, DATABASE_MIGRATION_URL: GOOD_SERVER.DATABASE_URL })
    expect(statusOf(results, "migration connection")).toEqual(["fail"])
  })

  it("warns when REDIS_URL is Railway's public proxy", () => {
    const results = check({ ...GOOD_SERVER, REDIS_URL: "redis://default:pw@monorail.proxy.rlwy.net:41234" })
    expect(statusOf(results, "Redis URL")).toEqual(["warn"])
    expect(exitCode(results)).toBe(1)
  })

  it("fails PORT that is not a port number, with Railway's fix", () => {
    const row = check({ ...GOOD_SERVER, PORT: "ninety" }).find((r) => r.check === "config PORT")
    expect(row).toMatchObject({
      status: "fail",
      fix: "unset PORT on Railway (it injects the port itself) or set a number from 1 to 65535",
    })
  })

  it("fails CORS * in every environment, because it matches no browser", () => {
    expect(check({ ...GOOD_SERVER, STORE_CORS: "*" }).find((r) => r.check === "config STORE_CORS")?.fix).toBe(
      "set STORE_CORS to the comma-separated origins that may call it, e.g. https://shop.example.dk"
    )
    expect(statusOf(check({ STORE_CORS: "*" }, { development: true }), "config STORE_CORS")).toEqual(["fail"])
  })

  it("judges an env without NODE_ENV as production, as the start scripts run it", () => {
    const { NODE_ENV: _omit, ...withoutNodeEnv } = GOOD_SERVER
    expect(check(withoutNodeEnv).find((r) => r.check === "configuration")?.detail).toMatch(
      /^valid for production \(NODE_ENV unset; the start and migrate scripts run it as production/
    )
    const { JWT_SECRET: _jwt, ...weak } = withoutNodeEnv
    expect(statusOf(check(weak), "config JWT_SECRET")).toEqual(["fail"])
  })

  it("checks a development setup with --development", () => {
    const results = check({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/shop" }, { development: true })
    expect(results.filter((r) => r.status === "fail")).toEqual([])
    expect(results.find((r) => r.check === "configuration")?.detail).toBe(
      "valid for development (--development), shared mode"
    )
  })

  it("does not need the admin build in worker mode", () => {
    const results = check({ ...GOOD_SERVER, MEDUSA_WORKER_MODE: "worker" }, { root: withoutBuild })
    expect(results.find((r) => r.check === "admin build")).toMatchObject({
      status: "pass",
      detail: "not needed (MEDUSA_WORKER_MODE=worker)",
    })
  })

  it("tells a worker without an email provider how to choose one", () => {
    const { MEDUSA_WORKER_MODE: _omit, ...shared } = GOOD_SERVER
    const row = check({ ...shared, MEDUSA_WORKER_MODE: "worker" }).find((r) => r.check === "config SENDGRID_API_KEY")
    expect(row?.status).toBe("fail")
    expect(row?.fix).toMatch(/^on the worker service set SENDGRID_API_KEY and SENDGRID_FROM, or EMAIL_LOG_ONLY=true/)
  })

  it("warns about a Node version outside engines", () => {
    expect(statusOf(check(GOOD_SERVER, { nodeVersion: "v20.20.2" }), "Node version")).toEqual(["warn"])
  })

  it("prints a table with the fixes and masks passwords", () => {
    const table = formatTable(
      check({ ...GOOD_SERVER, DATABASE_MIGRATION_URL: GOOD_SERVER.DATABASE_URL, REDIS_URL: undefined })
    )
    expect(table).toContain("FAIL    config REDIS_URL")
    expect(table).toContain("fix: add a Redis service and set REDIS_URL=${{Redis.REDIS_URL}} on both services")
    expect(table).toMatch(/doctor: \d+ pass, 0 warn, 2 fail$/)
    expect(table).not.toContain(":pw@")
  })
})
