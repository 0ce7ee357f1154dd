import type { LookedUpEntity } from "./invalidation-rules"

/** The part of Medusa's Query this needs: `query.graph`. */
export type QueryGraph = (config: {
  entity: string
  fields: string[]
  filters: Record<string, unknown>
  withDeleted?: boolean
}) => Promise<{ data: Array<Record<string, any>> }>

const strings = (values: unknown[]): string[] => [
  ...new Set(values.filter((v): v is string => typeof v === "string" && v !== "")),
]

async function productsOfVariants(graph: QueryGraph, variantIds: string[]): Promise<string[]> {
  if (!variantIds.length) return []
  const { data } = await graph({
    entity: "product_variant",
    fields: ["id", "product_id"],
    filters: { id: variantIds },
    withDeleted: true,
  })
  return strings(data.map((variant) => variant.product_id))
}

async function productsOfInventoryItems(graph: QueryGraph, inventoryItemIds: string[]): Promise<string[]> {
  if (!inventoryItemIds.length) return []
  const { data } = await graph({
    entity: "product_variant_inventory_item",
    fields: ["variant_id", "inventory_item_id"],
    filters: { inventory_item_id: inventoryItemIds },
  })
  return productsOfVariants(graph, strings(data.map((link) => link.variant_id)))
}

/** A price set no variant uses (a shipping option's) is in no catalogue answer. */
async function productsOfPriceSets(graph: QueryGraph, priceSetIds: string[]): Promise<string[]> {
  if (!priceSetIds.length) return []
  const { data } = await graph({
    entity: "product_variant_price_set",
    fields: ["variant_id", "price_set_id"],
    filters: { price_set_id: priceSetIds },
  })
  return productsOfVariants(graph, strings(data.map((link) => link.variant_id)))
}

async function inventoryItemsOf(graph: QueryGraph, entity: string, ids: string[]): Promise<string[]> {
  const { data } = await graph({ entity, fields: ["id", "inventory_item_id"], filters: { id: ids }, withDeleted: true })
  return strings(data.map((row) => row.inventory_item_id))
}

/**
 * The products an event's entities belong to. Throws when Medusa cannot say
 * (the caller then drops everything): a lookup that finds nothing is an
 * answer (an inventory item no variant uses is in no cached answer).
 */
export async function productsOf(graph: QueryGraph, entity: LookedUpEntity, ids: string[]): Promise<string[]> {
  switch (entity) {
    case "product-variant":
      return productsOfVariants(graph, ids)
    case "inventory-item":
      return productsOfInventoryItems(graph, ids)
    case "inventory-level":
      return productsOfInventoryItems(graph, await inventoryItemsOf(graph, "inventory_level", ids))
    case "reservation-item":
      return productsOfInventoryItems(graph, await inventoryItemsOf(graph, "reservation_item", ids))
    case "price-set":
      return productsOfPriceSets(graph, ids)
    case "price": {
      const { data } = await graph({
        entity: "price",
        fields: ["id", "price_set_id"],
        filters: { id: ids },
        withDeleted: true,
      })
      return productsOfPriceSets(graph, strings(data.map((price) => price.price_set_id)))
    }
  }
}
