#!/usr/bin/env node
// @ts-check
/**
 * `npm run start:server | start:worker | start`: runs the built app from
 * .medusa/server (never the repo root, where `medusa start` cannot find the
 * admin) in the given mode.
 *
 * The Railway process is this script, so it passes SIGTERM/SIGINT on to
 * Medusa and exits with Medusa's code; a wrapper that swallowed the signal
 * would leave Medusa to be SIGKILLed mid-request.
 *
 * Medusa then stops accepting connections, waits for in-flight requests and
 * for the event bus worker's running job, and exits 0, but it sets itself no
 * time limit. Railway SIGKILLs after drainingSeconds (.railway/deploy.json),
 * so this script gives Medusa 5 s less than that and then ends it itself,
 * saying so in the log, rather than being killed without a word. A job cut
 * off that way is not lost: BullMQ hands it to the next worker as stalled.
 *
 * Before Medusa starts, this waits until the database has no pending
 * migration (src/health/migration-wait.ts): Railway starts the worker as soon
 * as its build is done, while the server's pre-deploy `npm run migrate` may
 * still run, and Medusa's boot fails on a schema that is not there yet. The
 * wait (scripts/lib/wait-for-migrations.mjs, a process of its own) is bounded
 * by the healthcheck timeout; meanwhile it answers GET /health/ready on PORT
 * with 503 and the reason.
 */
import { spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { BUILT_MEDUSA, ROOT, SERVER_DIR, fail, missingBuildOutput } from "./lib/built-app.mjs"
import { withHeapCeiling } from "./lib/node-options.mjs"
import { MODES, workerModeConflict } from "./lib/start-mode.mjs"

const mode = process.argv[2]
if (!mode || !MODES.includes(mode)) {
  fail(`usage: node scripts/start.mjs <${MODES.join("|")}>`)
}
// Before the build check: a wrong service variable is what to fix first.
const conflict = workerModeConflict(mode, process.env.MEDUSA_WORKER_MODE)
if (conflict) {
  fail(conflict)
}
const admin = mode !== "worker" && process.env.DISABLE_MEDUSA_ADMIN !== "true"
const missing = missingBuildOutput({ admin })
if (missing) {
  fail(`${missing} is missing: run npm run build first`)
}

const settings = JSON.parse(readFileSync(join(ROOT, ".railway", "deploy.json"), "utf8"))
const waited = await waitForMigrations(mode, settings.deploy.healthcheckTimeout)
if (waited !== 0) {
  process.exit(waited)
}

/**
 * Runs scripts/lib/wait-for-migrations.mjs; a SIGTERM meanwhile (a redeploy)
 * ends it and this script.
 * @param {string} mode
 * @param {number} limitSeconds
 * @returns {Promise<number>} its exit code
 */
function waitForMigrations(mode, limitSeconds) {
  const wait = spawn(
    process.execPath,
    [join(ROOT, "scripts", "lib", "wait-for-migrations.mjs"), mode, String(limitSeconds)],
    {
      stdio: "inherit",
    }
  )
  /** @param {NodeJS.Signals} signal */
  const forward = (signal) => wait.kill(signal)
  process.on("SIGTERM", forward).on("SIGINT", forward)
  return new Promise((resolve) => {
    wait.on("error", (error) => fail(`could not check for pending migrations: ${error.message}`))
    wait.on("exit", (code, signal) => {
      process.off("SIGTERM", forward).off("SIGINT", forward)
      if (signal) {
        // Stopped while waiting, as asked: nothing was in flight.
        process.exit(signal === "SIGTERM" || signal === "SIGINT" ? 0 : 1)
      }
      resolve(code ?? 1)
    })
  })
}

const medusa = spawn(BUILT_MEDUSA, ["start"], {
  cwd: SERVER_DIR,
  stdio: "inherit",
  env: {
    ...process.env,
    MEDUSA_WORKER_MODE: mode,
    NODE_ENV: process.env.NODE_ENV || "production",
    NODE_OPTIONS: withHeapCeiling(process.env.NODE_OPTIONS),
  },
})
const drainingSeconds = settings.deploy.drainingSeconds
const shutdownLimitMs = Math.max(drainingSeconds - 5, 1) * 1000
let stopping = false
for (const signal of /** @type {const} */ (["SIGTERM", "SIGINT"])) {
  process.on(signal, () => {
    medusa.kill(signal)
    if (!stopping) {
      stopping = true
      console.log(`[start] ${signal}: letting Medusa finish in-flight work (at most ${shutdownLimitMs / 1000} s)`)
      setTimeout(() => {
        console.error(`[start] Medusa did not stop within ${shutdownLimitMs / 1000} s; ending it`)
        medusa.kill("SIGKILL")
      }, shutdownLimitMs).unref()
    }
  })
}
medusa.on("error", (error) => fail(`could not start medusa: ${error.message}`))
medusa.on("exit", (code, signal) => {
  process.exit(code ?? (signal === "SIGTERM" || signal === "SIGINT" ? 0 : 1))
})
