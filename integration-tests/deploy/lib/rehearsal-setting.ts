import { randomBytes } from "node:crypto"
import { chmodSync, mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import settings from "../../../.railway/deploy.json"
import { ProcessTracker } from "../../helpers/processes"
import { parseToml } from "../../helpers/toml"
import type { Infrastructure } from "./rehearsal-infrastructure"

// The rehearsal's fixed setting: the deploy files it reads its commands from, its ports and names, the secrets it
// makes up for this run, the work folder everything happens in, and the variables a Railway service gets.

export { settings }
export const REPO = join(__dirname, "..", "..", "..")
/** Where the logs and figures stay after the run, for CI to keep. */
export const RESULTS = join(REPO, "test-results", "deploy-rehearsal")
export const serverFile = parseToml(readFileSync(join(REPO, settings.services.server.configFile), "utf8")) as any
export const workerFile = parseToml(readFileSync(join(REPO, settings.services.worker.configFile), "utf8")) as any

/** The transaction pooler's address: not 127.0.0.1, so Medusa treats the database as remote, like Supabase. */
export const POOLER_HOST = "127.0.0.2"
export const SERVER_PORT = 19100
export const WORKER_PORT = 19101
export const SECOND_WORKER_PORT = 19102
const REDIS_DB = 12
export const REDIS_URL = `redis://127.0.0.1:6379/${REDIS_DB}`

/** A fresh random secret, so no log or answer can contain it by chance. */
export const secret = () => randomBytes(24).toString("hex")
export const DB_PASSWORD = `db-${secret()}`
export const ADMIN_EMAIL = "admin@rehearsal.beauty-shop.local"
export const ADMIN_PASSWORD = `admin-${secret()}`
const JWT_SECRET = secret()
const COOKIE_SECRET = secret()
/** The real database behind both poolers, a new one each run. */
export const REAL_DATABASE = `beauty_rehearsal_${Date.now()}`
/** What no log or answer may contain. */
export const SECRETS = [DB_PASSWORD, ADMIN_PASSWORD, JWT_SECRET, COOKIE_SECRET]

/** Words that mean a production deploy silently fell back or leaked. */
export const FORBIDDEN_IN_LOGS = ["Local Event Bus", 'Using "in-memory"', "fake redis", "MemoryStore", "sslmode"]

/** The work folder: the repository's copy, the certificates, the poolers' files and every process's log. */
export const work = mkdtempSync(join(tmpdir(), "beauty-rehearsal-"))
// pgbouncer runs as the postgres OS user and must reach its files in here.
chmodSync(work, 0o755)
/** The clean copy of the repository that is built and deployed, like Railway's clone. */
export const copy = join(work, "repo")
/** Every process the rehearsal starts, so afterAll stops each one by PID, also on failure. */
export const tracker = new ProcessTracker(work)
// Whatever still runs when Jest's process exits is killed, whether afterAll ran or not.
process.on("exit", () => tracker.killAllNow())

/** The variables a Railway service would have (never the test runner's own). */
export function serviceEnv(infrastructure: Infrastructure, extra: Record<string, string>): NodeJS.ProcessEnv {
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
    DATABASE_URL: infrastructure.txPooler.url,
    DATABASE_MIGRATION_URL: infrastructure.sessionPooler.url,
    DATABASE_CA_CERT: readFileSync(join(work, "tls", "ca.crt"), "utf8"),
    REDIS_URL,
    JWT_SECRET,
    COOKIE_SECRET,
    STORE_CORS: "http://localhost:8000",
    ADMIN_CORS: `http://localhost:${SERVER_PORT}`,
    AUTH_CORS: `http://localhost:${SERVER_PORT},http://localhost:8000`,
    EMAIL_LOG_ONLY: "true",
    ...infrastructure.s3.env,
    ...extra,
  }
}

/** The server service's variables: its port and worker mode; its pre-deploy migration runs with them too. */
export function serverEnv(infrastructure: Infrastructure): NodeJS.ProcessEnv {
  return serviceEnv(infrastructure, {
    PORT: String(SERVER_PORT),
    MEDUSA_WORKER_MODE: settings.services.server.workerMode,
  })
}

/** A worker service's variables, on the port given: two workers on one machine need two ports. */
export function workerEnv(infrastructure: Infrastructure, port = WORKER_PORT): NodeJS.ProcessEnv {
  return serviceEnv(infrastructure, { PORT: String(port), MEDUSA_WORKER_MODE: settings.services.worker.workerMode })
}
