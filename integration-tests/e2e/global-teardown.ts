import { rmSync } from "node:fs"
import { asPostgres } from "../helpers/postgres"
import type { E2eGlobals } from "./global-setup"
import { SHOP_FILE } from "./lib/shop"

/** Stops server and worker (SIGTERM, then SIGKILL) and the S3 server, and drops the e2e database. */
export default async function globalTeardown(): Promise<void> {
  const globals = (globalThis as { __E2E__?: E2eGlobals }).__E2E__
  if (!globals) {
    return
  }
  await globals.tracker.stopAll()
  await globals.s3.close()
  // The admin password lives in shop.json; the logs and screenshots stay as artifacts.
  rmSync(SHOP_FILE, { force: true })
  await asPostgres(`DROP DATABASE IF EXISTS ${globals.database} WITH (FORCE)`)
}
