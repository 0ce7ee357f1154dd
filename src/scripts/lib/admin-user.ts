import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createUsersWorkflow } from "@medusajs/medusa/core-flows"

export type AdminUserOutcome = "created" | "exists"

/**
 * Creates an admin user that logs in with email and password, the way
 * `medusa user -e -p` does, unless one with that email exists already (where
 * `medusa user` would fail). The password is never logged.
 */
export async function ensureAdminUser(
  container: MedusaContainer,
  email: string,
  password: string
): Promise<AdminUserOutcome> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const userModule = container.resolve(Modules.USER)
  const [existing] = await userModule.listUsers({ email })
  if (existing) {
    logger.info(`Admin user ${email} exists already`)
    return "exists"
  }
  const {
    result: [user],
  } = await createUsersWorkflow(container).run({ input: { users: [{ email }] } })
  const authModule = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await authModule.register("emailpass", { body: { email, password } })
  if (error || !authIdentity) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `could not register a password for ${email}: ${error ?? "no identity returned"}`)
  }
  await authModule.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
  logger.info(`Admin user ${email} created`)
  return "created"
}
