#!/usr/bin/env node
// @ts-check
/**
 * `npm run send-confirmations [-- --dry-run]`: runs src/scripts/send-confirmations.ts
 * from the built app (.medusa/server), as the start and migrate scripts do,
 * so it works in a Railway service's shell (`railway ssh --service worker`)
 * with that service's variables and NODE_ENV defaulting to production.
 *
 * `medusa exec` rejects options it does not know (`--dry-run` ends in
 * "Unknown argument") and passes only positional words to the script, so
 * --dry-run is handed on as the word `dry-run`.
 */
import { spawnSync } from "node:child_process"
import { BUILT_MEDUSA, SERVER_DIR, fail, missingBuildOutput } from "./lib/built-app.mjs"

const args = process.argv.slice(2)
const unknown = args.filter((arg) => arg !== "--dry-run")
if (unknown.length) {
  fail(`unknown argument ${unknown.join(" ")}; usage: npm run send-confirmations [-- --dry-run]`)
}
const missing = missingBuildOutput({ admin: false })
if (missing) {
  fail(`${missing} is missing: run npm run build first`)
}
const result = spawnSync(
  BUILT_MEDUSA,
  ["exec", "./src/scripts/send-confirmations.js", ...(args.includes("--dry-run") ? ["dry-run"] : [])],
  { cwd: SERVER_DIR, stdio: "inherit", env: { ...process.env, NODE_ENV: process.env.NODE_ENV || "production" } }
)
process.exit(result.status ?? 1)
