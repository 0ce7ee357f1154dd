import type { ExecArgs } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { ensureAdminUser } from "./lib/admin-user"
import { ensureCatalogue } from "./lib/catalogue"
import { ensureMinimalStore } from "./lib/minimal-store"

/**
 * Run by `npm run dev` after migrating: the store, the demo catalogue (both
 * skipped where they exist, as `npm run seed` does) and an admin user.
 * The launcher passes the admin's credentials through the environment, never
 * on the command line (where `ps` would show them).
 */
export default async function devSetup({ container }: ExecArgs) {
  const store = await ensureMinimalStore(container)
  await ensureCatalogue(container, store)
  const email = process.env.MEDUSA_ADMIN_EMAIL
  const password = process.env.MEDUSA_ADMIN_PASSWORD
  if (!email || !password) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "MEDUSA_ADMIN_EMAIL and MEDUSA_ADMIN_PASSWORD must be set (npm run dev sets them)"
    )
  }
  await ensureAdminUser(container, email, password)
  // The launcher reads this line to print the quick-start summary.
  console.log(`DEV_SETUP_PUBLISHABLE_KEY=${store.publishableKey}`)
}
