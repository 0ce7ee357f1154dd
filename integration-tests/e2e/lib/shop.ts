import { existsSync, readFileSync, writeFileSync } from "node:fs"
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
  /** Each service's log; a service a spec restarts writes a new one, recorded here. */
  logs: { server: string; worker: string }
  /** The process group id of each service (npm and everything it starts), to stop or restart it. */
  pids: { server: number; worker: number }
  /** Each service's healthcheck, as Railway polls it. */
  health: { server: string; worker: string }
  /**
   * The fake Stripe API (integration-tests/helpers/fake-stripe.ts) both services talk to, which posts signed
   * webhooks to the server; GET `${url}/_fake/intents/:id` shows what it recorded for an intent.
   */
  stripe: { url: string; publishableKey: string }
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

/** Records what a spec changed (a restarted service's process group and log) for the specs after it and the teardown. */
export function updateRunningShop(change: (shop: RunningShop) => void): RunningShop {
  const shop = runningShop()
  change(shop)
  writeFileSync(SHOP_FILE, JSON.stringify(shop, null, 2), { mode: 0o600 })
  return shop
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
