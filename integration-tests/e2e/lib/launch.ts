import { randomBytes } from "node:crypto"
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import Redis from "ioredis"
import settings from "../../../.railway/deploy.json"
import { asPostgres } from "../../helpers/postgres"
import { startFakeStripe, type FakeStripe } from "../../../tools/fake-stripe/server"
import { pollHealth, ProcessTracker, signalGroup } from "../../helpers/processes"
import { startS3Server, type ThrowawayS3 } from "../../helpers/s3-server"
import { REPO, SHOP_FILE, SHOP_RESULTS, SUITE, type RunningShop } from "./shop"

/**
 * The shop as its users meet it, started for a whole jest suite (the e2e tests and the fault drills):
 *
 *   the fake Stripe API (tools/fake-stripe/server.ts), which posts signed webhooks to the server ->
 *   npm run build (admin bundle included; E2E_REUSE_BUILD=1 skips it when a build exists, for iterating
 *   locally) -> a fresh database -> npm run migrate -> npm run seed (catalogue and admin user) -> npm run
 *   publishable-key -> npm run start:server and npm run start:worker, in production mode with Redis, polled on
 *   their Railway healthchecks.
 *
 * Every command is the npm script the README gives. What the specs need is written to shop.json (./shop.ts);
 * the processes are stopped and the database dropped by the suite's global teardown (stopShop), whatever
 * happened. Every command runs with Stripe configured (so the seed offers it in both regions) and Medusa's Stripe
 * provider redirected to the fake by src/internals/stripe-api-host.js, as `DEV_FAKE_STRIPE=true npm run dev` wires it (in the
 * built shop it finds the copy in .medusa/server's own node_modules).
 */

const secret = () => randomBytes(24).toString("hex")
const STRIPE_REDIRECT = join(REPO, "src", "internals", "stripe-api-host.js")

export interface LaunchOptions {
  serverPort: number
  workerPort: number
  redisUrl: string
  /** The database to create; the drills' pooler was configured for it before. */
  database?: string
  /** Variables added to (or replacing) the shop's: the drills' DATABASE_URL through their pooler, … */
  env?: Record<string, string>
  /** Processes the caller started (its Redis, its pooler), recorded in shop.json so the teardown stops them. */
  pids?: Record<string, number>
  /** How to start those again (RunningShop.owned). */
  owned?: RunningShop["owned"]
  /** Folders the teardown removes. */
  scratch?: string[]
}

/** What the global teardown needs; kept on the global object jest shares between global setup and teardown. */
export interface ShopGlobals {
  tracker: ProcessTracker
  database: string
  s3: ThrowawayS3
  stripe: FakeStripe
  scratch: string[]
}

/**
 * Only what the tools need from the caller's environment (where node and npm are, npm's registry settings),
 * never its DATABASE_*, REDIS_URL, SENDGRID_* or other shop variables: the shop under test gets exactly the
 * variables below, as a Railway service would.
 */
function toolingEnv(): NodeJS.ProcessEnv {
  const keep = (key: string) =>
    ["PATH", "HOME", "LANG", "TMPDIR", "XDG_CACHE_HOME", "NODE_EXTRA_CA_CERTS"].includes(key) ||
    key.startsWith("npm_config_")
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => keep(key)))
}

function step(result: { name: string; code: number | null; output: string; seconds: number }) {
  if (result.code !== 0) {
    throw new Error(`${SUITE} setup: ${result.name} exited with ${result.code}:\n${result.output.slice(-4000)}`)
  }
  console.log(`${SUITE} setup: ${result.name} done in ${result.seconds.toFixed(0)} s`)
  return result
}

/** The results folder, emptied, and the process tracker that logs into it. */
export function freshResults(): ProcessTracker {
  rmSync(SHOP_RESULTS, { recursive: true, force: true })
  mkdirSync(SHOP_RESULTS, { recursive: true })
  return new ProcessTracker(SHOP_RESULTS)
}

export async function launchShop(tracker: ProcessTracker, options: LaunchOptions): Promise<RunningShop> {
  const database = options.database ?? `beauty_${SUITE}_${Date.now()}`
  // The bucket server and worker store files in, as production's Supabase Storage.
  const s3 = await startS3Server()
  const serverUrl = `http://localhost:${options.serverPort}`
  const stripeWebhookSecret = `whsec_${secret()}`
  const stripe = await startFakeStripe({
    webhook: { url: `${serverUrl}/hooks/payment/stripe_stripe`, secret: stripeWebhookSecret },
  })
  const globals: ShopGlobals = { tracker, database, s3, stripe, scratch: options.scratch ?? [] }
  ;(globalThis as { __SHOP__?: ShopGlobals }).__SHOP__ = globals
  process.on("exit", () => {
    tracker.killAllNow()
    // Services a spec restarted are not the tracker's; shop.json names them until the teardown removes it.
    if (existsSync(SHOP_FILE)) {
      const { pids } = JSON.parse(readFileSync(SHOP_FILE, "utf8")) as RunningShop
      Object.values(pids).forEach((pid) => signalGroup(pid, "SIGKILL"))
    }
  })

  for (const redisUrl of [options.redisUrl, options.env?.CACHE_REDIS_URL].filter((url): url is string => !!url)) {
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 })
    try {
      await redis.flushdb()
    } catch (error) {
      const where = new URL(redisUrl).host
      throw new Error(
        `Redis is not reachable at ${where} (${(error as Error).message}); start it: redis-server --daemonize yes`
      )
    } finally {
      redis.disconnect()
    }
  }
  await asPostgres(`CREATE DATABASE ${database}`)

  const admin = { email: `staff@${SUITE}.beauty-shop.local`, password: `pw-${secret()}` }
  const env: NodeJS.ProcessEnv = {
    ...toolingEnv(),
    NODE_ENV: "production",
    DATABASE_URL: `postgres://postgres@localhost:5432/${database}`,
    REDIS_URL: options.redisUrl,
    JWT_SECRET: secret(),
    COOKIE_SECRET: secret(),
    STORE_CORS: "http://localhost:8000",
    ADMIN_CORS: serverUrl,
    AUTH_CORS: `${serverUrl},http://localhost:8000`,
    MEDUSA_ADMIN_EMAIL: admin.email,
    MEDUSA_ADMIN_PASSWORD: admin.password,
    // No SendGrid here: the worker logs confirmations on purpose (without this
    // a production worker refuses to start) and records them as not sent.
    EMAIL_LOG_ONLY: "true",
    ...s3.env,
    STRIPE_API_KEY: `sk_test_${secret()}`,
    STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
    TEST_STRIPE_API_URL: stripe.url,
    NODE_OPTIONS: `--require "${STRIPE_REDIRECT}"`,
    ...options.env,
  }
  const run = (name: string, command: string) => tracker.run(name, command, { cwd: REPO, env })

  const built = existsSync(join(REPO, ".medusa", "server", "public", "admin", "index.html"))
  if (process.env.E2E_REUSE_BUILD === "1" && built) {
    console.log(`${SUITE} setup: E2E_REUSE_BUILD=1, using the existing .medusa/server build`)
  } else {
    step(await run("build", "npm run build"))
  }
  step(await run("migrate", "npm run migrate"))
  step(await run("seed", "npm run seed"))
  const key = step(await run("publishable-key", "npm run --silent publishable-key"))
  const publishableKey = key.output.match(/pk_[0-9a-f]+/)?.[0]
  if (!publishableKey) {
    throw new Error(`${SUITE} setup: npm run publishable-key printed no pk_ key:\n${key.output.slice(-2000)}`)
  }

  const server = tracker.start("server", `npm run start:server`, {
    cwd: REPO,
    env: { ...env, PORT: String(options.serverPort) },
  })
  const worker = tracker.start("worker", `npm run start:worker`, {
    cwd: REPO,
    env: { ...env, PORT: String(options.workerPort) },
  })
  const health = {
    server: `http://127.0.0.1:${options.serverPort}${settings.services.server.healthcheckPath}`,
    worker: `http://127.0.0.1:${options.workerPort}${settings.services.worker.healthcheckPath}`,
  }
  await Promise.all([pollHealth(server, health.server, 120), pollHealth(worker, health.worker, 120)])
  console.log(`${SUITE} setup: server ${serverUrl} and worker on ${options.workerPort} are healthy`)

  const shop: RunningShop = {
    serverUrl,
    workerUrl: `http://localhost:${options.workerPort}`,
    publishableKey,
    admin,
    database: { host: "127.0.0.1", port: 5432, user: "postgres", name: database },
    logs: { server: server.logFile, worker: worker.logFile },
    pids: { ...options.pids, server: server.pid, worker: worker.pid },
    health,
    // Stripe.js's key; the fake takes any pk_test_ key for the browser's confirm call.
    stripe: { url: stripe.url, publishableKey: "pk_test_e2e" },
    env: Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    ...(options.owned ? { owned: options.owned } : {}),
    artifacts: SHOP_RESULTS,
  }
  writeFileSync(SHOP_FILE, JSON.stringify(shop, null, 2), { mode: 0o600 })
  return shop
}
