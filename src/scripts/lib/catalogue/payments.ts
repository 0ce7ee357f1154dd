import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { updateRegionsWorkflow } from "@medusajs/medusa/core-flows"
import { isProduction } from "../../../config/env"
import { STRIPE_PROVIDER_ID } from "../../../config/payments"
import { EU_REGION } from "../catalogue-data"
import { DENMARK_REGION } from "../minimal-store"

/** Medusa's manual provider: an order is placed without any money changing hands. */
export const MANUAL_PROVIDER_ID = "pp_system_default"

/**
 * The payment providers a region offers: Stripe once it is configured, and
 * the manual provider only outside production, where a storefront choosing
 * it would place real orders without payment.
 */
export function regionProviders(current: string[], { stripe, production }: { stripe: boolean; production: boolean }) {
  if (!stripe) {
    return current
  }
  const kept = production ? current.filter((id) => id !== MANUAL_PROVIDER_ID) : current
  return kept.includes(STRIPE_PROVIDER_ID) ? kept : [...kept, STRIPE_PROVIDER_ID]
}

/** What the query below returns; typed here because Medusa's generated query types may not exist yet. */
interface RegionWithProviders {
  id: string
  name: string
  payment_providers?: Array<{ id?: string } | null> | null
}

/**
 * Offers Stripe in the shop's regions when it is configured (STRIPE_API_KEY
 * and STRIPE_WEBHOOK_SECRET), and in production takes the manual provider
 * away (see regionProviders). Without Stripe nothing changes, so a later run
 * with the keys set adds it. Appends what it changes to `created`.
 */
export async function ensureStripeInRegions(container: MedusaContainer, created: string[]): Promise<void> {
  const paymentModule = container.resolve(Modules.PAYMENT)
  const [stripe] = await paymentModule.listPaymentProviders({ id: [STRIPE_PROVIDER_ID] })
  if (!stripe) {
    return
  }
  const production = isProduction(process.env)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: regions } = await query.graph({
    entity: "region",
    fields: ["id", "name", "payment_providers.id"],
    filters: { name: [DENMARK_REGION, EU_REGION.name] },
  })
  for (const region of regions as RegionWithProviders[]) {
    const current = (region.payment_providers ?? []).flatMap((p) => (p?.id ? [p.id] : []))
    const wanted = regionProviders(current, { stripe: true, production })
    if (wanted.length === current.length && wanted.every((id) => current.includes(id))) {
      continue
    }
    await updateRegionsWorkflow(container).run({
      input: { selector: { id: region.id }, update: { payment_providers: wanted } },
    })
    created.push(`payment providers of region "${region.name}": ${wanted.join(", ")}`)
  }
}
