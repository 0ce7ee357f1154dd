// @ts-check
/**
 * The start scripts' wait for pending migrations, run with the built app's
 * own code (.medusa/server/src/health): the app's config, Medusa's module
 * definitions and createPgConnection, so it asks the same database the same
 * way the app will (DATABASE_URL, the app's TLS options) and only reads.
 *
 * A process of its own (`node wait-for-migrations.mjs <mode> <limit seconds>`,
 * exit 0 when nothing is pending): finding the migrations loads every
 * module's code, about 200 MiB the start script would otherwise keep for the
 * life of the service.
 */
import { createRequire } from "node:module"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { BUILT_CONFIG, SERVER_DIR, fail } from "./built-app.mjs"

const require = createRequire(import.meta.url)

/**
 * Resolves once nothing is pending; exits 1 with one line when the limit passes.
 * @param {{ mode: string, limitSeconds: number }} options
 */
export async function waitForPendingMigrations({ mode, limitSeconds }) {
  /** @type {typeof import("../../src/internals/medusa-migration-discovery")} */
  const sources = require(join(SERVER_DIR, "src", "internals", "medusa-migration-discovery.js"))
  /** @type {typeof import("../../src/internals/changed")} */
  const changed = require(join(SERVER_DIR, "src", "internals", "changed.js"))
  /** @type {typeof import("../../src/health/applied-migrations")} */
  const applied = require(join(SERVER_DIR, "src", "health", "applied-migrations.js"))
  /** @type {typeof import("../../src/health/pending-migrations")} */
  const pending = require(join(SERVER_DIR, "src", "health", "pending-migrations.js"))
  /** @type {typeof import("../../src/health/migration-wait")} */
  const wait = require(join(SERVER_DIR, "src", "health", "migration-wait.js"))

  // The config as Medusa will load it (same mode, same cwd for loadEnv). Its
  // summary is Medusa's to print, once, when it boots.
  const previousMode = process.env.MEDUSA_WORKER_MODE
  process.env.MEDUSA_WORKER_MODE = mode
  const cwd = process.cwd()
  process.chdir(SERVER_DIR)
  const globals = /** @type {Record<symbol, unknown>} */ (globalThis)
  globals[Symbol.for("beauty-shop.config-logged")] = true
  let config
  try {
    config = require(BUILT_CONFIG)
  } finally {
    process.chdir(cwd)
    if (previousMode === undefined) delete process.env.MEDUSA_WORKER_MODE
    else process.env.MEDUSA_WORKER_MODE = previousMode
  }
  if (!config.projectConfig?.databaseUrl) {
    return // nothing to wait for; Medusa says what is missing
  }

  const expected = sources.expectedMigrations(config.modules ?? {}, SERVER_DIR)
  const problem = sources.migrationDiscoveryProblem(expected)
  if (problem) {
    const expectation = "module migrations and migration scripts where medusa db:migrate finds them"
    if (process.env.NODE_ENV === "production") {
      fail(
        `refusing to start: ${sources.INTERNAL_NAME} has changed (expected ${expectation}; found ${problem}), so pending migrations cannot be told apart; see docs/upgrading-medusa.md`
      )
    }
    changed.logInternalChanged(sources.INTERNAL_NAME, expectation, problem, "starting without waiting for migrations")
    return
  }
  const db = applied.connect(config.projectConfig)
  /** @type {import("../../src/health/migration-wait").WaitingListener | undefined} */
  let listener
  try {
    const result = await wait.waitForMigrations({
      limitMs: limitSeconds * 1000,
      check: async () =>
        pending.pendingMigrations(
          expected,
          await applied.readAppliedMigrations(db, config.projectConfig.databaseSchema)
        ),
      onStatus: async ({ reason }) => {
        if (!listener) {
          listener = await wait.listenWhileWaiting(Number(process.env.PORT || 9000), reason)
        }
        listener.setReason(reason)
      },
    })
    if (!result.ok) {
      fail(result.message)
    }
  } finally {
    await db.destroy()
    await listener?.close()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [mode, limit] = process.argv.slice(2)
  await waitForPendingMigrations({ mode, limitSeconds: Number(limit) })
  process.exit(0)
}
