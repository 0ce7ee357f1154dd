import { existsSync, readFileSync, rmSync } from "node:fs"
import { asPostgres } from "../helpers/postgres"
import type { ShopGlobals } from "./lib/launch"
import { stopGroups } from "./lib/services"
import { SHOP_FILE, type RunningShop } from "./lib/shop"

/**
 * Stops what ./lib/launch.ts started: server and worker (SIGTERM, then SIGKILL), also those a spec restarted and
 * the services a suite owns (shop.json names them), the fake Stripe API and the S3 server; drops the database and
 * removes the scratch folders. The e2e suite and the drills share it.
 */
export default async function globalTeardown(): Promise<void> {
  const globals = (globalThis as { __SHOP__?: ShopGlobals }).__SHOP__
  if (!globals) {
    return
  }
  const recorded = existsSync(SHOP_FILE)
    ? Object.values((JSON.parse(readFileSync(SHOP_FILE, "utf8")) as RunningShop).pids)
    : []
  await Promise.all([globals.tracker.stopAll(), stopGroups(recorded, 20_000)])
  await globals.stripe.close()
  await globals.s3.close()
  // The admin password lives in shop.json; the logs and screenshots stay as artifacts.
  rmSync(SHOP_FILE, { force: true })
  await asPostgres(`DROP DATABASE IF EXISTS ${globals.database} WITH (FORCE)`)
  for (const dir of globals.scratch) rmSync(dir, { recursive: true, force: true })
}
