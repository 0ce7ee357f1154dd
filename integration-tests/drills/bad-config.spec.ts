/**
 * Bad configuration: each broken environment below, on top of the e2e
 * shop's working production variables (with passwords in the database and
 * Redis URLs), makes the start script exit non-zero within seconds with a
 * line naming the variable, and no password, secret or key appears anywhere
 * in what it printed. The built app is the e2e suite's; nothing connects,
 * so the running shop is not touched.
 */
import { signalGroup, spawnGroup } from "../../scripts/lib/process-groups"
import { configProblems } from "../../src/config"
import { runningShop, REPO } from "../e2e/lib/shop"

jest.setTimeout(10 * 60 * 1000)

const shop = runningShop()
const EXIT_WITHIN_MS = 20_000
const DB_PASSWORD = "Db-Pa55word-never-printed"
const REDIS_PASSWORD = "Redis-Pa55word-never-printed"
const JWT = "jwt-secret-never-printed-0123456789abcdef"
const COOKIE = "cookie-secret-never-printed-0123456789abc"
const STRIPE_KEY = "sk_test_4e7f1c0d9b8a7e6f5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a"
const SHORT_STOREFRONT_SECRET = "storefront-pw-never-printed"
const SECRETS = [DB_PASSWORD, REDIS_PASSWORD, JWT, COOKIE, STRIPE_KEY, SHORT_STOREFRONT_SECRET]

const base: Record<string, string> = {
  ...shop.env,
  DATABASE_URL: `postgres://postgres:${DB_PASSWORD}@127.0.0.1:5432/${shop.database.name}`,
  REDIS_URL: `redis://default:${REDIS_PASSWORD}@127.0.0.1:6379/13`,
  JWT_SECRET: JWT,
  COOKIE_SECRET: COOKIE,
  STRIPE_API_KEY: STRIPE_KEY,
}

type Script = "start:server" | "start:worker"
interface BadConfig {
  what: string
  script: Script
  change: Record<string, string | undefined>
  /** What the one line must name. */
  names: string
}

const S3_UNSET = {
  S3_BUCKET: undefined,
  S3_REGION: undefined,
  S3_ACCESS_KEY_ID: undefined,
  S3_SECRET_ACCESS_KEY: undefined,
  S3_ENDPOINT: undefined,
  S3_FILE_URL: undefined,
}

const CASES: BadConfig[] = [
  { what: "no DATABASE_URL", script: "start:server", change: { DATABASE_URL: undefined }, names: "DATABASE_URL" },
  {
    what: "DATABASE_URL that is no URL",
    script: "start:worker",
    change: { DATABASE_URL: "database please" },
    names: "DATABASE_URL",
  },
  {
    what: "DATABASE_URL of MySQL",
    script: "start:server",
    change: { DATABASE_URL: `mysql://root:${DB_PASSWORD}@db:3306/shop` },
    names: "DATABASE_URL",
  },
  {
    what: "DATABASE_URL without a host",
    script: "start:server",
    change: { DATABASE_URL: `postgres://postgres:${DB_PASSWORD}@/shop` },
    names: "DATABASE_URL",
  },
  {
    what: "DATABASE_SSL of no mode",
    script: "start:server",
    change: { DATABASE_SSL: "sometimes" },
    names: "DATABASE_SSL",
  },
  {
    what: "DATABASE_CA_CERT file that is not there",
    script: "start:worker",
    change: { DATABASE_CA_CERT: "/no/such/ca.pem" },
    names: "DATABASE_CA_CERT",
  },
  {
    what: "DATABASE_EXTRA that is not JSON",
    script: "start:server",
    change: { DATABASE_EXTRA: "{ssl: true" },
    names: "DATABASE_EXTRA",
  },
  {
    what: "DATABASE_POOL_MAX of 0",
    script: "start:server",
    change: { DATABASE_POOL_MAX: "0" },
    names: "DATABASE_POOL_MAX",
  },
  {
    what: "DATABASE_POOL_MAX that is no number",
    script: "start:worker",
    change: { DATABASE_POOL_MAX: "lots" },
    names: "DATABASE_POOL_MAX",
  },
  { what: "no REDIS_URL in production", script: "start:server", change: { REDIS_URL: undefined }, names: "REDIS_URL" },
  {
    what: "REDIS_URL over HTTP",
    script: "start:worker",
    change: { REDIS_URL: `http://default:${REDIS_PASSWORD}@redis:6379` },
    names: "REDIS_URL",
  },
  {
    what: "CACHE_REDIS_URL that is no URL",
    script: "start:server",
    change: { CACHE_REDIS_URL: "cache" },
    names: "CACHE_REDIS_URL",
  },
  { what: "no JWT_SECRET", script: "start:server", change: { JWT_SECRET: undefined }, names: "JWT_SECRET" },
  { what: "a short JWT_SECRET", script: "start:server", change: { JWT_SECRET: "supersecret" }, names: "JWT_SECRET" },
  {
    what: "a short COOKIE_SECRET",
    script: "start:worker",
    change: { COOKIE_SECRET: "supersecret" },
    names: "COOKIE_SECRET",
  },
  { what: "no STORE_CORS", script: "start:server", change: { STORE_CORS: undefined }, names: "STORE_CORS" },
  { what: "STORE_CORS of *", script: "start:server", change: { STORE_CORS: "*" }, names: "STORE_CORS" },
  { what: "no ADMIN_CORS", script: "start:server", change: { ADMIN_CORS: undefined }, names: "ADMIN_CORS" },
  { what: "no AUTH_CORS", script: "start:server", change: { AUTH_CORS: undefined }, names: "AUTH_CORS" },
  {
    what: "worker mode on the server's start command",
    script: "start:server",
    change: { MEDUSA_WORKER_MODE: "worker" },
    names: "MEDUSA_WORKER_MODE",
  },
  {
    what: "server mode on the worker's start command",
    script: "start:worker",
    change: { MEDUSA_WORKER_MODE: "server" },
    names: "MEDUSA_WORKER_MODE",
  },
  {
    what: "a mode that does not exist",
    script: "start:worker",
    change: { MEDUSA_WORKER_MODE: "both" },
    names: "MEDUSA_WORKER_MODE",
  },
  {
    what: "DISABLE_MEDUSA_ADMIN of maybe",
    script: "start:server",
    change: { DISABLE_MEDUSA_ADMIN: "maybe" },
    names: "DISABLE_MEDUSA_ADMIN",
  },
  { what: "PORT that is a word", script: "start:server", change: { PORT: "http" }, names: "PORT" },
  {
    what: "a publishable Stripe key",
    script: "start:server",
    change: { STRIPE_API_KEY: "pk_test_0123456789" },
    names: "STRIPE_API_KEY",
  },
  {
    what: "Stripe without its webhook secret",
    script: "start:worker",
    change: { STRIPE_WEBHOOK_SECRET: undefined },
    names: "STRIPE_WEBHOOK_SECRET",
  },
  {
    what: "no object storage in production",
    script: "start:server",
    change: { ...S3_UNSET, FILES_LOCAL_ONLY: undefined },
    names: "S3_BUCKET",
  },
  {
    what: "SENDGRID_FROM without its key",
    script: "start:worker",
    change: { SENDGRID_FROM: "shop@example.dk" },
    names: "SENDGRID_API_KEY",
  },
  {
    what: "a worker with no way to send email",
    script: "start:worker",
    change: { EMAIL_LOG_ONLY: undefined },
    names: "SENDGRID_API_KEY",
  },
  {
    what: "the retired STORE_CACHE_TTL_MS still set",
    script: "start:server",
    change: { STORE_CACHE_TTL_MS: "0" },
    names: "STORE_CACHE_TTL_MS",
  },
  {
    what: "a login window of 1 s",
    script: "start:server",
    change: { AUTH_THROTTLE_WINDOW_SECONDS: "1" },
    names: "AUTH_THROTTLE_WINDOW_SECONDS",
  },
  { what: "NODE_ENV with a typo", script: "start:server", change: { NODE_ENV: "producton" }, names: "NODE_ENV" },
  {
    what: "STORE_CORS with a trailing slash",
    script: "start:server",
    change: { STORE_CORS: "https://shop.example.dk/" },
    names: "STORE_CORS",
  },
  {
    what: "ADMIN_CORS with the default port",
    script: "start:server",
    change: { ADMIN_CORS: "https://backend.example.dk:443" },
    names: "ADMIN_CORS",
  },
  { what: "LOG_LEVEL of warning", script: "start:worker", change: { LOG_LEVEL: "warning" }, names: "LOG_LEVEL" },
  {
    what: "a short STOREFRONT_SECRET",
    script: "start:server",
    change: { STOREFRONT_SECRET: SHORT_STOREFRONT_SECRET },
    names: "STOREFRONT_SECRET",
  },
  {
    what: "STOREFRONT_ADDRESSES naming a host",
    script: "start:server",
    change: { STOREFRONT_ADDRESSES: "storefront.railway.internal" },
    names: "STOREFRONT_ADDRESSES",
  },
]

function envFor(change: BadConfig["change"]): NodeJS.ProcessEnv {
  const env: Record<string, string> = { ...base }
  for (const [name, value] of Object.entries(change)) {
    if (value === undefined) delete env[name]
    else env[name] = value
  }
  return env
}

/** Runs the start script; resolves with its exit code, output and time, or a null code if it outlived the limit. */
function start(script: Script, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now()
    const child = spawnGroup("npm", ["run", "--silent", script], { cwd: REPO, env })
    let output = ""
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()))
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()))
    const timer = setTimeout(() => {
      signalGroup(child.pid!, "SIGKILL")
      resolve({ code: null, output, ms: Date.now() - started })
    }, EXIT_WITHIN_MS)
    child.on("exit", (code) => {
      clearTimeout(timer)
      // Output may still be in the pipes when the process exits.
      setImmediate(() => resolve({ code, output, ms: Date.now() - started }))
    })
  })
}

const seen: string[] = []

afterAll(() => console.log(`bad configuration, ${CASES.length} environments:\n  ${seen.join("\n  ")}`))

describe("a broken environment", () => {
  it("has at least 25 cases, each changing a valid production environment", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25)
    expect(configProblems(base).map((problem) => problem.message)).toEqual([])
  })

  it.each(CASES.map((c) => [c.what, c] as const))(
    "%s: exits non-zero within seconds, naming it, showing no secret",
    async (_, c) => {
      const { code, output, ms } = await start(c.script, envFor(c.change))
      const naming = output.split("\n").find((line) => line.includes(c.names) && /error/i.test(line))
      seen.push(
        `${c.script} ${c.what}: exit ${code} in ${(ms / 1000).toFixed(1)} s: ${naming ?? `(no line names it) ${output.slice(-600)}`}`
      )
      expect(code).not.toBeNull()
      expect(code).not.toBe(0)
      expect(naming).toBeDefined()
      for (const secret of SECRETS) expect(output).not.toContain(secret)
    }
  )
})
