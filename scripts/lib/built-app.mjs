// @ts-check
/** Where `medusa build` puts the app, and the checks every entry point shares. */
import { existsSync } from "node:fs"
import { join } from "node:path"

export const ROOT = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..", "..")
export const SERVER_DIR = join(ROOT, ".medusa", "server")
export const ADMIN_INDEX = join(SERVER_DIR, "public", "admin", "index.html")
export const BUILT_CONFIG = join(SERVER_DIR, "medusa-config.js")
export const BUILT_MEDUSA = join(SERVER_DIR, "node_modules", ".bin", "medusa")

/**
 * What is missing from the build output for this use, or undefined.
 * @param {{ admin: boolean }} needs
 * @returns {string | undefined}
 */
export function missingBuildOutput(needs) {
  if (!existsSync(BUILT_CONFIG)) {
    return ".medusa/server/medusa-config.js"
  }
  if (!existsSync(BUILT_MEDUSA)) {
    return "the production dependencies in .medusa/server/node_modules"
  }
  if (needs.admin && !existsSync(ADMIN_INDEX)) {
    return ".medusa/server/public/admin/index.html (the admin bundle)"
  }
  return undefined
}

/** @param {string} message */
export function fail(message) {
  console.error(`error: ${message}`)
  process.exit(1)
}
