import type { ExecArgs } from "@medusajs/framework/types"
import { ensureCatalogue } from "./lib/catalogue"
import { ensureMinimalStore } from "./lib/minimal-store"

/**
 * `npm run seed`: sets up what a storefront needs (see ensureMinimalStore),
 * the demo catalogue on top of it (see ensureCatalogue) and prints the
 * publishable key. Safe to run again.
 */
export default async function seed({ container }: ExecArgs) {
  const store = await ensureMinimalStore(container)
  await ensureCatalogue(container, store)
  console.log(`\nPublishable API key (header x-publishable-api-key): ${store.publishableKey}\n`)
}
