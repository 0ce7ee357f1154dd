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
 */
import { spawn } from "node:child_process"
import { BUILT_MEDUSA, SERVER_DIR, fail, missingBuildOutput } from "./lib/built-app.mjs"

const MODES = ["server", "worker", "shared"]
const mode = process.argv[2]
if (!mode || !MODES.includes(mode)) {
  fail(`usage: node scripts/start.mjs <${MODES.join("|")}>`)
}
const admin = mode !== "worker" && process.env.DISABLE_MEDUSA_ADMIN !== "true"
const missing = missingBuildOutput({ admin })
if (missing) {
  fail(`${missing} is missing: run npm run build first`)
}

const medusa = spawn(BUILT_MEDUSA, ["start"], {
  cwd: SERVER_DIR,
  stdio: "inherit",
  env: { ...process.env, MEDUSA_WORKER_MODE: mode, NODE_ENV: process.env.NODE_ENV || "production" },
})
for (const signal of /** @type {const} */ (["SIGTERM", "SIGINT"])) {
  process.on(signal, () => medusa.kill(signal))
}
medusa.on("error", (error) => fail(`could not start medusa: ${error.message}`))
medusa.on("exit", (code, signal) => {
  process.exit(code ?? (signal === "SIGTERM" || signal === "SIGINT" ? 0 : 1))
})
