import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { updateRegionsWorkflow } from "@medusajs/medusa/core-flows"
import { STRIPE_PROVIDER_ID } from "../../../config/payments"
import { EU_REGION } from "../catalogue-data"
import { DENMARK_REGION } from "../minimal-store"

/** What the query below returns; typed here because Medusa's generated query types may not exist yet. */
interface RegionWithProviders {
  id: string
  name: string
  payment_providers?: Array<{ id?: string } | null> | null
}

/**
 * Offers Stripe in the shop's regions when it is configured (STRIPE_API_KEY
 * and STRIPE_WEBHOOK_SECRET), next to the manual provider the regions were
 * made with. Without Stripe nothing changes, so a later run with the keys
 * set adds it. Appends what it changes to `created`.
 */
export async function ensureStripeInRegions(container: MedusaContainer, created: string[]): Promise<void> {
  const paymentModule = container.resolve(Modules.PAYMENT)
  const [stripe] = await paymentModule.listPaymentProviders({ id: [STRIPE_PROVIDER_ID] })
  if (!stripe) {
    return
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: regions } = await query.graph({
    entity: "region",
    fields: ["id", "name", "payment_providers.id"],
    filters: { name: [DENMARK_REGION, EU_REGION.name] },
  })
  for (const region of regions as RegionWithProviders[]) {
    const providers = (region.payment_providers ?? []).flatMap((p) => (p?.id ? [p.id] : []))
    if (providers.includes(STRIPE_PROVIDER_ID)) {
      continue
    }
    await updateRegionsWorkflow(container).run({
      input: { selector: { id: region.id }, update: { payment_providers: [...providers, STRIPE_PROVIDER_ID] } },
    })
    created.push(`Stripe in region "${region.name}"`)
  }
}
