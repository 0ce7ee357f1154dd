import { rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import type { Pooler } from "../../helpers/pgbouncer"
import { pollHealth, pollStarting, startScriptPid, type Tracked } from "../../helpers/processes"
import type { Infrastructure } from "./rehearsal-infrastructure"
import { expectSuccess } from "./rehearsal-output"
import { postgres } from "./rehearsal-postgres"
import { figures } from "./rehearsal-record"
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  copy,
  REAL_DATABASE,
  SECOND_WORKER_PORT,
  serverEnv,
  serverFile,
  tracker,
  WORKER_PORT,
  workerEnv,
  workerFile,
} from "./rehearsal-setting"

// The third phase: the server's pre-deploy migration through the session pooler, with the worker already started,
// as Railway may start it once its build is done. Then the migrations that must change nothing or fail.

/** A migrate run that ran to its end: its exit code and everything it printed. */
export interface MigrateRun {
  code: number | null
  output: string
}

/** What the migration phase shows, for the tests. */
export interface Migration {
  /** The pre-deploy migration's output. */
  output: string
  /**
   * The session pooler's most clients at once during the migration. An object the sampler keeps raising, so a
   * sample still in flight when the migration ends counts too.
   */
  sessionClients: { peak: number }
  /** What the worker's readiness answered while it waited for the migration. */
  waitingAnswer: { status: number; body: any }
  /** The worker's start script PID while it waited and once ready: the same PID when it did not restart. */
  waitingPids: { before?: number; after?: number }
  /** Stores right after the migration, before a waiting worker could boot and make one. */
  storesWhenMigrated: number
  /** Stores and default publishable keys once both workers booted at the same moment. */
  defaultsAfterBoots: { stores: number; publishableKeys: number }
  /** The migration run again on the migrated database. */
  second: MigrateRun
  /** The migration without DATABASE_MIGRATION_URL, which must refuse the transaction pooler. */
  refused: MigrateRun
  /** The migration with a migration script that throws. */
  failingScript: MigrateRun
}

const workerHealth = (port: number) => `http://127.0.0.1:${port}${workerFile.deploy.healthcheckPath}`

/**
 * Starts the worker and a second one on the empty database, runs the pre-deploy migration while they wait, and
 * waits for both to become ready; then runs the migration again, sets up the store, and runs the migrations that
 * must fail. Resolves with the worker, which runs on as the deploy's worker service.
 */
export async function migrateLikeRailway(
  infrastructure: Infrastructure
): Promise<{ worker: Tracked; migration: Migration }> {
  const sessionClients = watchSessionClients(infrastructure.sessionPooler)
  // Railway starts the worker once its build is done, maybe before the
  // server's pre-deploy migration has run: it must wait, not crash. A second
  // worker boots at the same moment as the first once the schema is there,
  // the boot race for Medusa's store defaults.
  const worker = tracker.start("worker", `exec ${workerFile.deploy.startCommand}`, {
    cwd: copy,
    env: workerEnv(infrastructure),
  })
  const secondWorker = tracker.start("worker-second", `exec ${workerFile.deploy.startCommand}`, {
    cwd: copy,
    env: workerEnv(infrastructure, SECOND_WORKER_PORT),
  })
  const waitingAnswer = await pollStarting(worker, workerHealth(WORKER_PORT), 120)
  await pollStarting(secondWorker, workerHealth(SECOND_WORKER_PORT), 120)
  const waitingPids: Migration["waitingPids"] = { before: startScriptPid(worker.pid) }

  const [preDeploy] = serverFile.deploy.preDeployCommand
  const env = serverEnv(infrastructure)
  const migrate = await tracker.run("migrate", preDeploy, { cwd: copy, env })
  sessionClients.stop()
  expectSuccess(migrate)
  figures["migration (s)"] = Math.round(migrate.seconds)
  figures["peak session-pooler clients during migration (limit 15)"] = sessionClients.peak
  // Read at once: the waiting workers need seconds to notice and boot.
  const storesWhenMigrated = await countStores()
  const [workerHealthy] = await Promise.all([
    pollHealth(worker, workerHealth(WORKER_PORT), workerFile.deploy.healthcheckTimeout),
    pollHealth(secondWorker, workerHealth(SECOND_WORKER_PORT), workerFile.deploy.healthcheckTimeout),
  ])
  figures["waiting worker: migration done to healthy (s)"] = Math.round(workerHealthy)
  waitingPids.after = startScriptPid(worker.pid)
  const defaultsAfterBoots = await storeDefaults()
  // The second worker has done its part; it would take jobs from the first.
  process.kill(secondWorker.pid, "SIGTERM")
  await secondWorker.exited

  const second = await tracker.run("migrate-again", preDeploy, { cwd: copy, env })
  await setUpStore(env)
  const { DATABASE_MIGRATION_URL: _omit, ...withoutMigrationUrl } = env
  const refused = await tracker.run("migrate-without-session-url", preDeploy, { cwd: copy, env: withoutMigrationUrl })
  const failingScript = await migrateWithFailingScript(preDeploy, env)
  return {
    worker,
    migration: {
      output: migrate.output,
      sessionClients,
      waitingAnswer,
      waitingPids,
      storesWhenMigrated,
      defaultsAfterBoots,
      second,
      refused,
      failingScript,
    },
  }
}

/**
 * Samples the session pooler's clients every half second until stopped, keeping the peak: Supabase's session
 * pooler refuses clients past its 15.
 */
function watchSessionClients(sessionPooler: Pooler): { peak: number; stop: () => void } {
  const watch = { peak: 0, stop: () => clearInterval(sampler) }
  const sampler = setInterval(async () => {
    try {
      const pools = await sessionPooler.admin("SHOW POOLS")
      const clients = pools
        .filter((p) => p.database === "postgres")
        .reduce((sum, p) => sum + Number(p.cl_active) + Number(p.cl_waiting), 0)
      watch.peak = Math.max(watch.peak, clients)
    } catch {
      // the admin console itself may be refused when the pooler is full
    }
  }, 500)
  return watch
}

async function countStores(): Promise<number> {
  const [{ count }] = await postgres<{ count: string }>("SELECT count(*) FROM store", REAL_DATABASE)
  return Number(count)
}

/** The stores and live publishable keys: more than one of either means a boot made its own besides. */
async function storeDefaults(): Promise<Migration["defaultsAfterBoots"]> {
  const stores = await countStores()
  const [{ count: keys }] = await postgres<{ count: string }>(
    "SELECT count(*) FROM api_key WHERE type = 'publishable' AND deleted_at IS NULL",
    REAL_DATABASE
  )
  return { stores, publishableKeys: Number(keys) }
}

/**
 * The store, its catalogue and an admin user, set up in the built app by the script behind `npm run seed` (and
 * `npm run dev`): the tests log in as that admin.
 */
async function setUpStore(env: NodeJS.ProcessEnv): Promise<void> {
  const setup = await tracker.run("store-setup", "exec ./node_modules/.bin/medusa exec ./src/scripts/seed.js", {
    cwd: join(copy, ".medusa", "server"),
    env: { ...env, MEDUSA_ADMIN_EMAIL: ADMIN_EMAIL, MEDUSA_ADMIN_PASSWORD: ADMIN_PASSWORD },
  })
  expectSuccess(setup)
}

/** The migration with a migration script that throws, in the built app: the deploy must fail. */
async function migrateWithFailingScript(preDeploy: string, env: NodeJS.ProcessEnv): Promise<MigrateRun> {
  const failingScript = join(copy, ".medusa", "server", "src", "migration-scripts", "zz-rehearsal-fails.js")
  writeFileSync(failingScript, 'exports.default = async () => { throw new Error("rehearsal: this script fails") }\n')
  const run = await tracker.run("migrate-failing-script", preDeploy, { cwd: copy, env })
  rmSync(failingScript)
  return run
}
