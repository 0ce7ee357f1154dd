#!/usr/bin/env node
// @ts-check
/**
 * `npm run build`: the one artifact both Railway services run.
 *
 * 1. `medusa build` compiles the backend to .medusa/server and bundles the
 *    admin into .medusa/server/public/admin. The admin is always built, also
 *    for the worker's image, so server and worker run the very same build
 *    (Medusa's Redis event bus queues an event only when the emitting process
 *    has a local subscriber for it, so a server built without the worker's
 *    subscribers would drop their events) and "admin disabled at build but
 *    enabled at run" cannot happen.
 * 2. Fails if the admin's index.html is missing: `medusa start` would
 *    otherwise die on it at start-up, after the deploy looked built.
 * 3. Copies the product pictures the seed uploads
 *    (src/scripts/lib/catalogue/images) next to the compiled seed:
 *    `medusa build` compiles code and copies no other files, and the seed
 *    reads them relative to its own location.
 * 4. Installs the production dependencies inside .medusa/server, so the
 *    start and migrate commands need nothing else. (`npm ci` fails there
 *    with Medusa 2.21's generated lock file; `npm install --omit=dev` works.)
 *
 * Nothing here connects to a database or Redis: Railway's private network
 * does not exist while an image is being built.
 */
import { spawnSync } from "node:child_process"
import { cpSync, existsSync } from "node:fs"
import { join } from "node:path"
import { ADMIN_INDEX, ROOT, SERVER_DIR, fail } from "./lib/built-app.mjs"

const started = Date.now()
const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)} s`

/** @param {string} command @param {string[]} args @param {{ cwd: string, env?: NodeJS.ProcessEnv }} options */
function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options })
  if (result.status !== 0) {
    fail(`${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`)
  }
}

const medusa = join(ROOT, "node_modules", ".bin", "medusa")
if (!existsSync(medusa)) {
  fail("node_modules is missing; run `npm ci --include=dev` first")
}
// medusa build loads medusa-config.ts through ts-node and bundles the admin
// with Vite: devDependencies. `npm ci` skips them when NODE_ENV=production.
for (const tool of ["ts-node", "typescript", "vite"]) {
  if (!existsSync(join(ROOT, "node_modules", tool))) {
    fail(
      `devDependency ${tool} is not installed (was npm ci run with NODE_ENV=production?); install with: npm ci --include=dev`
    )
  }
}

console.log("[build] medusa build (backend and admin)")
run(medusa, ["build"], {
  cwd: ROOT,
  env: { ...process.env, MEDUSA_WORKER_MODE: "server", DISABLE_MEDUSA_ADMIN: "false" },
})
if (!existsSync(ADMIN_INDEX)) {
  fail(
    'medusa build produced no admin bundle (.medusa/server/public/admin/index.html); the server would fail with "Could not find index.html in the admin build directory"'
  )
}
console.log(`[build] admin bundle present (${seconds()})`)

const CATALOGUE_IMAGES = join("src", "scripts", "lib", "catalogue", "images")
if (!existsSync(join(ROOT, CATALOGUE_IMAGES))) {
  fail(`${CATALOGUE_IMAGES} is missing: the seed uploads the product pictures from there`)
}
cpSync(join(ROOT, CATALOGUE_IMAGES), join(SERVER_DIR, CATALOGUE_IMAGES), { recursive: true })
console.log(`[build] product images copied to .medusa/server/${CATALOGUE_IMAGES}`)

console.log("[build] installing production dependencies in .medusa/server")
run("npm", ["install", "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: SERVER_DIR })
console.log(`[build] done in ${seconds()}: .medusa/server is ready for npm run start:server / start:worker`)
