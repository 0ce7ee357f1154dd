import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { setProductCosmeticsWorkflow } from "../../../workflows/set-product-cosmetics"
import { PRODUCTS, type ProductData } from "./product-data"

/** The shop as the responsible person (art. 4) of its own-brand products. */
export const RESPONSIBLE_PERSON = {
  name: "Beauty Shop ApS",
  address: "Vesterbrogade 1, 1620 København V, Danmark",
  country: "dk",
} as const

/** A product's label data as the workflow takes it, in Danish (the base content). */
export function cosmeticsInput(product: ProductData) {
  const { cosmetics } = product
  return {
    ingredients: [...cosmetics.ingredients],
    pao_months: cosmetics.pao_months,
    durability_date: null,
    nominal_content_amount: cosmetics.nominal_content.amount,
    nominal_content_unit: cosmetics.nominal_content.unit,
    responsible_person_name: RESPONSIBLE_PERSON.name,
    responsible_person_address: RESPONSIBLE_PERSON.address,
    responsible_person_country: RESPONSIBLE_PERSON.country,
    precautions: cosmetics.precautions?.da ?? null,
    product_function: cosmetics.function.da,
  }
}

/**
 * The cosmetics data of each seeded product that has none yet, through the
 * workflow staff use (src/workflows/set-product-cosmetics.ts). Appends what
 * it creates to `created`.
 */
export async function ensureCosmetics(container: MedusaContainer, created: string[]): Promise<void> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: products } = await query.graph({
    entity: "product",
    fields: ["id", "handle", "cosmetics.id"],
    filters: { handle: PRODUCTS.map((p) => p.handle) },
  })
  const without = products.filter((p) => !(p as { cosmetics?: { id: string } | null }).cosmetics)
  for (const product of without) {
    const data = PRODUCTS.find((p) => p.handle === product.handle)!
    await setProductCosmeticsWorkflow(container).run({
      input: { product_id: product.id, cosmetics: cosmeticsInput(data) },
    })
  }
  if (without.length) {
    created.push(`cosmetics data for ${without.length} products`)
  }
}
