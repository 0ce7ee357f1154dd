import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"

export const CHROMIUM = "/usr/bin/chromium"

/**
 * Debian's Chromium, installed with apt when it is missing and this process
 * may install packages (root, as in CI); otherwise a failure that says what
 * to install. playwright-core brings no browser of its own.
 */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) {
    return CHROMIUM
  }
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0
  if (!isRoot) {
    throw new Error(`Chromium is missing (${CHROMIUM}); install Debian's package: sudo apt-get install -y chromium`)
  }
  console.log("installing Debian's chromium for the admin browser test")
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "chromium"],
  ]) {
    const result = spawnSync("apt-get", args, {
      encoding: "utf8",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    })
    if (result.status !== 0) {
      throw new Error(
        `apt-get ${args.join(" ")} failed (${result.status}); install Chromium by hand: apt-get install -y chromium\n${result.stderr.slice(-2000)}`
      )
    }
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing`)
  }
  return CHROMIUM
}
