import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createRegionsWorkflow, createTaxRegionsWorkflow } from "@medusajs/medusa/core-flows"
import { DENMARK_COUNTRIES, EU_REGION, TAX_PROVIDER_ID } from "../catalogue-data"
import { missing } from "./missing"

/**
 * The EU region (EUR, prices including VAT) next to the minimal store's
 * Danmark region, and a tax region for every country of both. Appends what
 * it creates to `created`.
 */
export async function ensureRegionsAndTax(container: MedusaContainer, created: string[]): Promise<void> {
  const regionModule = container.resolve(Modules.REGION)
  const [euRegion] = await regionModule.listRegions({ name: EU_REGION.name })
  if (!euRegion) {
    await createRegionsWorkflow(container).run({
      input: {
        regions: [
          {
            name: EU_REGION.name,
            currency_code: EU_REGION.currency_code,
            countries: [...EU_REGION.countries],
            payment_providers: [...EU_REGION.payment_providers],
            is_tax_inclusive: true,
          },
        ],
      },
    })
    created.push(`region "${EU_REGION.name}" (EUR)`)
  }

  const taxModule = container.resolve(Modules.TAX)
  const taxCountries: string[] = [...DENMARK_COUNTRIES, ...EU_REGION.countries]
  const taxRegions = await taxModule.listTaxRegions({ country_code: taxCountries })
  const missingTaxCountries = missing(
    taxCountries,
    taxRegions.filter((t) => !t.parent_id),
    (code) => code,
    (t) => t.country_code?.toLowerCase()
  )
  if (missingTaxCountries.length) {
    await createTaxRegionsWorkflow(container).run({
      input: missingTaxCountries.map((country_code) => ({ country_code, provider_id: TAX_PROVIDER_ID })),
    })
    created.push(`tax regions ${missingTaxCountries.join(", ")}`)
  }
}
