import { spawnSync } from "node:child_process"
import { join } from "node:path"
import { pathToFileURL } from "node:url"

const LIB = join(__dirname, "..", "..", "lib")

/** The file URL of scripts/lib/bench/<module>, for an expression that imports a second module. */
export const benchModuleUrl = (module: string): string => pathToFileURL(join(LIB, "bench", module)).href

/**
 * Evaluates `expression` (top-level await allowed) with the exports of
 * scripts/lib/<path> in scope as `m` and returns its JSON value. The scripts'
 * modules are ES modules, which jest's CommonJS runtime cannot load, so each
 * call runs them in a Node process of its own.
 */
export function evaluateLibModule(path: string, expression: string): any {
  const url = pathToFileURL(join(LIB, path)).href
  const source = `const m = await import(${JSON.stringify(url)}); console.log(JSON.stringify(${expression}))`
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", source], { encoding: "utf8" })
  if (result.status !== 0) {
    throw new Error(result.stderr)
  }
  return JSON.parse(result.stdout)
}

/** evaluateLibModule for scripts/lib/bench/<module>. */
export const evaluate = (module: string, expression: string): any =>
  evaluateLibModule(join("bench", module), expression)
