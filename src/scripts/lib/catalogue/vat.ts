import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createTaxRatesWorkflow, updateRegionsWorkflow, updateStoresWorkflow } from "@medusajs/medusa/core-flows"
import { TAX_INCLUSIVE_CURRENCIES, VAT_RATES } from "../catalogue-data"
import { missing } from "./missing"

/**
 * VAT as a Danish shop needs it, on top of the tax regions: each country's
 * standard rate as its default rate, and prices that include VAT for both
 * store currencies and both regions (Medusa keeps a price preference per
 * currency and per region; the region's wins, so both are set). Each piece
 * is checked before it is changed: a second run changes nothing, and a
 * database seeded before VAT was added gets it. Returns what it changed.
 */
export async function ensureVat(container: MedusaContainer): Promise<string[]> {
  const changed: string[] = []
  const countries = Object.keys(VAT_RATES)

  const taxModule = container.resolve(Modules.TAX)
  const order = (code?: string | null) => countries.indexOf((code ?? "").toLowerCase())
  const regions = (await taxModule.listTaxRegions({ country_code: countries }))
    .filter((r) => !r.parent_id)
    .sort((a, b) => order(a.country_code) - order(b.country_code))
  const rates = await taxModule.listTaxRates({ tax_region_id: regions.map((r) => r.id) })
  const withoutRate = missing(
    regions,
    rates.filter((rate) => rate.is_default),
    (region) => region.id,
    (rate) => rate.tax_region_id
  )
  if (withoutRate.length) {
    await createTaxRatesWorkflow(container).run({
      input: withoutRate.map((region) => {
        const country = region.country_code!.toLowerCase()
        return {
          tax_region_id: region.id,
          rate: VAT_RATES[country],
          code: `VAT-${country.toUpperCase()}`,
          name: country === "dk" ? "Moms" : `VAT ${country.toUpperCase()}`,
          is_default: true,
        }
      }),
    })
    changed.push(
      `VAT rates ${withoutRate.map((r) => `${r.country_code} ${VAT_RATES[r.country_code!.toLowerCase()]}%`).join(", ")}`
    )
  }

  const pricing = container.resolve(Modules.PRICING)
  const currencyPreferences = await pricing.listPricePreferences({
    attribute: "currency_code",
    value: [...TAX_INCLUSIVE_CURRENCIES],
  })
  const inclusive = (currency: string) => currencyPreferences.some((p) => p.value === currency && p.is_tax_inclusive)
  if (!TAX_INCLUSIVE_CURRENCIES.every(inclusive)) {
    const [store] = await container.resolve(Modules.STORE).listStores({}, { relations: ["supported_currencies"] })
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          supported_currencies: (store.supported_currencies ?? []).map((c) => ({
            currency_code: c.currency_code,
            is_default: c.is_default,
            is_tax_inclusive:
              (TAX_INCLUSIVE_CURRENCIES as readonly string[]).includes(c.currency_code) || inclusive(c.currency_code),
          })),
        },
      },
    })
    changed.push(`prices include VAT in ${TAX_INCLUSIVE_CURRENCIES.map((c) => c.toUpperCase()).join(" and ")}`)
  }

  const shopRegions = (await container.resolve(Modules.REGION).listRegions({})).filter((r) =>
    (TAX_INCLUSIVE_CURRENCIES as readonly string[]).includes(r.currency_code)
  )
  const regionPreferences = await pricing.listPricePreferences({
    attribute: "region_id",
    value: shopRegions.map((r) => r.id),
  })
  const exclusiveRegions = missing(
    shopRegions,
    regionPreferences.filter((p) => p.is_tax_inclusive),
    (r) => r.id,
    (p) => p.value
  )
  for (const region of exclusiveRegions) {
    await updateRegionsWorkflow(container).run({
      input: { selector: { id: region.id }, update: { is_tax_inclusive: true } },
    })
  }
  if (exclusiveRegions.length) {
    changed.push(`prices include VAT in regions ${exclusiveRegions.map((r) => `"${r.name}"`).join(", ")}`)
  }
  return changed
}
