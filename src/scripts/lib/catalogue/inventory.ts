import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createInventoryLevelsWorkflow } from "@medusajs/medusa/core-flows"
import { STOCKED_QUANTITY, WAREHOUSE } from "../catalogue-data"
import { missing } from "./missing"
import { PRODUCTS } from "./product-data"

/**
 * Stock at the warehouse for every catalogue variant that has none there
 * yet (STOCKED_QUANTITY units each). Appends what it creates to `created`.
 */
export async function ensureStock(container: MedusaContainer, locationId: string, created: string[]): Promise<void> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const allSkus = PRODUCTS.flatMap((p) => p.variants.map((v) => v.sku))
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "sku", "manage_inventory", "inventory_items.inventory_item_id"],
    filters: { sku: allSkus },
  })
  const inventoryItemIds: string[] = variants.flatMap(
    (v: { inventory_items?: Array<{ inventory_item_id: string } | null> | null }) =>
      (v.inventory_items ?? []).flatMap((i) => (i ? [i.inventory_item_id] : []))
  )
  if (!inventoryItemIds.length) {
    return
  }
  const inventoryModule = container.resolve(Modules.INVENTORY)
  const levels = await inventoryModule.listInventoryLevels({
    location_id: locationId,
    inventory_item_id: inventoryItemIds,
  })
  const unstocked = missing(
    inventoryItemIds,
    levels,
    (id) => id,
    (level) => level.inventory_item_id
  )
  if (unstocked.length) {
    await createInventoryLevelsWorkflow(container).run({
      input: {
        inventory_levels: unstocked.map((inventory_item_id) => ({
          inventory_item_id,
          location_id: locationId,
          stocked_quantity: STOCKED_QUANTITY,
        })),
      },
    })
    created.push(`stock of ${STOCKED_QUANTITY} at "${WAREHOUSE.name}" for ${unstocked.length} variants`)
  }
}
