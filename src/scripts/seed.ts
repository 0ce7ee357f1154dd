import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ensureAdminUser } from "./lib/admin-user"
import { ensureCatalogue } from "./lib/catalogue"
import { ensureMinimalStore } from "./lib/minimal-store"

/**
 * `npm run seed`: sets up what a storefront needs (see ensureMinimalStore),
 * the demo catalogue on top of it (see ensureCatalogue), an admin user when
 * MEDUSA_ADMIN_EMAIL and MEDUSA_ADMIN_PASSWORD are both set, and prints the
 * publishable key. Safe to run again.
 */
export default async function seed({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const store = await ensureMinimalStore(container)
  await ensureCatalogue(container, store)
  const email = process.env.MEDUSA_ADMIN_EMAIL
  const password = process.env.MEDUSA_ADMIN_PASSWORD
  if (email && password) {
    await ensureAdminUser(container, email, password)
  } else {
    logger.info(
      "No admin user made: set MEDUSA_ADMIN_EMAIL and MEDUSA_ADMIN_PASSWORD, or run: npm run admin-user -- you@shop.dk"
    )
  }
  console.log(`\nPublishable API key (header x-publishable-api-key): ${store.publishableKey}\n`)
}
