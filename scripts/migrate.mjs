#!/usr/bin/env node
// @ts-check
/**
 * `npm run migrate`: `medusa db:migrate` for a deploy (Railway runs it as the
 * server's pre-deploy command).
 *
 * Migration scripts guard themselves with a session-level advisory lock
 * (pg_try_advisory_lock / pg_advisory_unlock). Through a transaction pooler
 * the lock and the unlock can land on different server sessions, so two
 * deploys migrating at once are not kept apart and a lock can be left behind.
 * So migrations go through DATABASE_MIGRATION_URL, Supabase's session pooler
 * (port 5432) or direct connection. With only a transaction-pooler
 * DATABASE_URL this refuses rather than silently falling back.
 *
 * Supabase's session pooler admits 15 clients per user and database, shared
 * with everything else using it, so the migration caps its own pools
 * (MIGRATION_POOL_MAX per process; db:migrate runs up to three processes).
 *
 * Two steps, each of which fails the deploy with a line naming it: module
 * migrations and link sync (`db:migrate --skip-scripts`), then the migration
 * scripts (`db:migrate:scripts`). A plain `medusa db:migrate` runs the scripts
 * as a child and ignores its exit code (@medusajs/medusa
 * dist/commands/db/migrate.js), so a failed script would pass for success.
 * The app's own migration scripts (src/migration-scripts) run in the second
 * step, among them the store defaults that `medusa start` would otherwise
 * race to create.
 *
 * Idempotent: Medusa skips applied migrations, so a second run changes
 * nothing and exits 0.
 */
import { spawnSync } from "node:child_process"
import { createRequire } from "node:module"
import { join } from "node:path"
import { BUILT_MEDUSA, SERVER_DIR, fail, missingBuildOutput } from "./lib/built-app.mjs"
import { MIGRATION_STEPS, runSteps } from "./lib/migration-steps.mjs"

const MIGRATION_POOL_MAX = "3"

const missing = missingBuildOutput({ admin: false })
if (missing) {
  fail(`${missing} is missing: run npm run build first`)
}

// The same rule `npm run doctor` reports, from the built config module.
const require = createRequire(import.meta.url)
/** @type {typeof import("../src/config/migration")} */
const { migrationTarget } = require(join(SERVER_DIR, "src", "config", "migration.js"))
/** @type {typeof import("../src/config/mask")} */
const { maskUrl } = require(join(SERVER_DIR, "src", "config", "mask.js"))
/** @type {typeof import("../src/config/errors")} */
const { ConfigError } = require(join(SERVER_DIR, "src", "config", "errors.js"))

/** @type {string} */
let url
try {
  const target = migrationTarget(process.env)
  url = target.url
  console.log(`[migrate] through ${target.variable} (${target.pooler} connection) ${maskUrl(url)}`)
} catch (error) {
  if (error instanceof ConfigError) fail(error.message)
  throw error
}

const started = Date.now()
const failure = runSteps(MIGRATION_STEPS, (step) =>
  spawnSync(BUILT_MEDUSA, step.args, {
    cwd: SERVER_DIR,
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: url,
      DATABASE_POOL_MAX: MIGRATION_POOL_MAX,
      NODE_ENV: process.env.NODE_ENV || "production",
    },
  })
)
if (failure) {
  fail(failure)
}
console.log(`[migrate] done in ${((Date.now() - started) / 1000).toFixed(0)} s`)
