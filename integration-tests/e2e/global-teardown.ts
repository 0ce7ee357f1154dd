import { existsSync, readFileSync, rmSync } from "node:fs"
import { asPostgres } from "../helpers/postgres"
import type { E2eGlobals } from "./global-setup"
import { stopGroups } from "./lib/services"
import { SHOP_FILE, type RunningShop } from "./lib/shop"

/**
 * Stops server and worker (SIGTERM, then SIGKILL), also those a spec restarted (shop.json names them), the
 * fake Stripe API and the S3 server, and drops the e2e database.
 */
export default async function globalTeardown(): Promise<void> {
  const globals = (globalThis as { __E2E__?: E2eGlobals }).__E2E__
  if (!globals) {
    return
  }
  const restarted = existsSync(SHOP_FILE)
    ? Object.values((JSON.parse(readFileSync(SHOP_FILE, "utf8")) as RunningShop).pids)
    : []
  await Promise.all([globals.tracker.stopAll(), stopGroups(restarted, 20_000)])
  await globals.stripe.close()
  await globals.s3.close()
  // The admin password lives in shop.json; the logs and screenshots stay as artifacts.
  rmSync(SHOP_FILE, { force: true })
  await asPostgres(`DROP DATABASE IF EXISTS ${globals.database} WITH (FORCE)`)
}
