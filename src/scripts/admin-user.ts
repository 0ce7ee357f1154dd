import type { ExecArgs } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { ensureAdminUser } from "./lib/admin-user"

/**
 * Run by `npm run admin-user` (scripts/admin-user.mjs), which asks for the
 * password and hands both over in the environment, never on a command line.
 */
export default async function adminUser({ container }: ExecArgs) {
  const email = process.env.MEDUSA_ADMIN_EMAIL
  const password = process.env.MEDUSA_ADMIN_PASSWORD
  if (!email || !password) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "run this through npm run admin-user -- <email>")
  }
  await ensureAdminUser(container, email, password)
}
