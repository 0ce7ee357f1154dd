import type { ExecArgs } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { STOREFRONT_KEY_TITLE } from "./lib/minimal-store"

/**
 * `npm run publishable-key`: prints the storefront's publishable API key (the
 * x-publishable-api-key header) that `npm run seed` made, for a storefront
 * developer who needs it later.
 */
export default async function printPublishableKey({ container }: ExecArgs) {
  const apiKeyModule = container.resolve(Modules.API_KEY)
  const keys = await apiKeyModule.listApiKeys({ title: STOREFRONT_KEY_TITLE, type: "publishable" })
  const key = keys.find((k) => !k.revoked_at)
  if (!key) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `no publishable key titled "${STOREFRONT_KEY_TITLE}"; run npm run seed first`
    )
  }
  console.log(key.token)
}
