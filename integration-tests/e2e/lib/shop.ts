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
  /**
   * The process group id of each service (npm and everything it starts), to stop or restart it; the drills add
   * the Redis and the pooler they own. The global teardown stops every one named here.
   */
  pids: { server: number; worker: number } & Record<string, number>
  /** Each service's healthcheck, as Railway polls it. */
  health: { server: string; worker: string }
  /**
   * The fake Stripe API (tools/fake-stripe/server.ts) both services talk to, which posts signed
   * webhooks to the server; GET `${url}/_fake/intents/:id` shows what it recorded for an intent.
   */
  stripe: { url: string; publishableKey: string }
  /** The variables both processes run with (a Railway service's shell has them), for commands the specs run. */
  env: Record<string, string>
  /**
   * Services the suite owns and a spec may stop and start again (the drills' Redis and pooler): the shell command
   * that starts each, as root, in its folder. The running one's process group is in `pids`.
   */
  owned?: Record<string, { command: string; cwd: string }>
  /** Where specs put screenshots and other artifacts. */
  artifacts: string
}

export const REPO = join(__dirname, "..", "..", "..")
/**
 * The suite whose shop this process uses: the drills (TEST_TYPE=drills) start a shop of their own, beside the
 * e2e suite's, with the same launcher (./launch.ts) and the same helpers.
 */
export const SUITE = process.env.TEST_TYPE === "drills" ? "drills" : "e2e"
export const SHOP_RESULTS = join(REPO, "test-results", SUITE)
export const SHOP_FILE = join(SHOP_RESULTS, "shop.json")

export function runningShop(): RunningShop {
  if (!existsSync(SHOP_FILE)) {
    throw new Error(
      `no running shop (${SHOP_FILE} is missing): run the suite with npm run test:${SUITE}, whose global setup builds and starts it`
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
