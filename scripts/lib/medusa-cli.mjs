// @ts-check
import { spawn } from "node:child_process"
import { join } from "node:path"

/**
 * Runs `medusa <args>` in `root` with `env` added to this process's
 * environment. Output streams through unless `capture` is set, in which case
 * stdout is collected and returned (stderr still streams, so errors show).
 *
 * @param {string} root
 * @param {string[]} args
 * @param {{ env?: Record<string, string>, capture?: boolean }} [options]
 * @returns {Promise<string>}
 */
export function runMedusa(root, args, { env = {}, capture = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(join(root, "node_modules", ".bin", "medusa"), args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"],
    })
    let stdout = ""
    child.stdout?.on("data", (chunk) => {
      stdout += chunk
    })
    child.on("error", reject)
    child.on("close", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`medusa ${args.join(" ")} exited with code ${code}`))
    )
  })
}
