#!/usr/bin/env node
// @ts-check
/**
 * `npm run store-cache:flush`: runs src/scripts/store-cache-flush.ts from the
 * built app (.medusa/server), as the start and migrate scripts do, so it works
 * in a Railway service's shell (`railway ssh --service server`) with that
 * service's variables and NODE_ENV defaulting to production.
 */
import { spawnSync } from "node:child_process"
import { BUILT_MEDUSA, SERVER_DIR, fail, missingBuildOutput } from "./lib/built-app.mjs"

const args = process.argv.slice(2)
if (args.length) {
  fail(`unknown argument ${args.join(" ")}; usage: npm run store-cache:flush`)
}
const missing = missingBuildOutput({ admin: false })
if (missing) {
  fail(`${missing} is missing: run npm run build first`)
}
const result = spawnSync(BUILT_MEDUSA, ["exec", "./src/scripts/store-cache-flush.js"], {
  cwd: SERVER_DIR,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: process.env.NODE_ENV || "production", LOG_LEVEL: process.env.LOG_LEVEL || "warn" },
})
process.exit(result.status ?? 1)
