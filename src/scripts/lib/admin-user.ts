import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createUsersWorkflow, deleteUsersWorkflow } from "@medusajs/medusa/core-flows"

/** created: user and login made; repaired: a user without a login got one; exists: nothing to do. */
export type AdminUserOutcome = "created" | "repaired" | "exists"

/**
 * Makes an admin user that logs in with email and password, the way
 * `medusa user -e -p` does, but all or nothing: the login (the emailpass auth
 * identity) is registered before the user, and a user made here is removed
 * again when linking them fails, so no run leaves a user who can never log
 * in. A user left without a login by an interrupted run gets one. An existing
 * user with a login is left alone. The password is never logged.
 */
export async function ensureAdminUser(
  container: MedusaContainer,
  email: string,
  password: string
): Promise<AdminUserOutcome> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  if (!password) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `no password given for ${email}`)
  }

  const [existingUser] = await userModule.listUsers({ email })
  const [providerIdentity] = await authModule.listProviderIdentities(
    { entity_id: email, provider: "emailpass" },
    { relations: ["auth_identity"] }
  )
  const linkedTo = providerIdentity?.auth_identity?.app_metadata ?? {}
  if (existingUser && linkedTo.user_id === existingUser.id) {
    logger.info(`Admin user ${email} exists already`)
    return "exists"
  }
  if (Object.keys(linkedTo).length) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `${email} already logs in as someone else (${Object.keys(linkedTo).join(", ")}); use another email for the admin user`
    )
  }

  // Medusa's register also accepts an unlinked login with the same password
  // (what an interrupted run leaves), and refuses one with another password,
  // which may be a customer's half-finished sign-up.
  const registered = await authModule.register("emailpass", { body: { email, password } })
  if (!registered.success || !registered.authIdentity) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `could not register a password for ${email}: ${registered.error ?? "no identity returned"}; use another email for the admin user`
    )
  }
  const authIdentityId = registered.authIdentity.id

  let user = existingUser
  if (!user) {
    const { result } = await createUsersWorkflow(container).run({ input: { users: [{ email }] } })
    user = result[0]
  }
  try {
    await authModule.updateAuthIdentities({ id: authIdentityId, app_metadata: { user_id: user.id } })
  } catch (error) {
    if (!existingUser) {
      await deleteUsersWorkflow(container).run({ input: { ids: [user.id] } })
    }
    throw error
  }
  const outcome: AdminUserOutcome = existingUser ? "repaired" : "created"
  logger.info(existingUser ? `Admin user ${email} had no login; it has one now` : `Admin user ${email} created`)
  return outcome
}
