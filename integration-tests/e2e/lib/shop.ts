import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"

/**
 * What the e2e global setup started (integration-tests/e2e/global-setup.ts)
 * and the specs use: a built, migrated and seeded shop running as two
 * processes, server and worker, the way Railway runs it.
 */
export interface RunningShop {
  serverUrl: string
  workerUrl: string
  publishableKey: string
  admin: { email: string; password: string }
  /** Connection for assertions on the database (local, trust auth). */
  database: { host: string; port: number; user: string; name: string }
  logs: { server: string; worker: string }
  /** The variables both processes run with (a Railway service's shell has them), for commands the specs run. */
  env: Record<string, string>
  /** Where specs put screenshots and other artifacts. */
  artifacts: string
}

export const REPO = join(__dirname, "..", "..", "..")
export const E2E_RESULTS = join(REPO, "test-results", "e2e")
export const SHOP_FILE = join(E2E_RESULTS, "shop.json")

export function runningShop(): RunningShop {
  if (!existsSync(SHOP_FILE)) {
    throw new Error(
      `no running shop (${SHOP_FILE} is missing): run the e2e tests with npm run test:e2e, whose global setup builds and starts it`
    )
  }
  return JSON.parse(readFileSync(SHOP_FILE, "utf8")) as RunningShop
}

/** The whole log a service wrote so far. */
export const logOf = (file: string) => (existsSync(file) ? readFileSync(file, "utf8") : "")

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const value = await probe()
      if (value !== undefined) {
        return value
      }
    } catch (error) {
      last = error
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(
    `timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last error: ${String(last)})` : ""}`
  )
}
