/**
 * The store cache's lookups (src/modules/store-cache/product-lookup.ts) against Medusa's real Query: the ids an
 * event names (a variant, a stock level, an inventory item, a reservation, a price, a price set) lead to the
 * product whose cached pages they are on, so a stock move or a price edit drops that product's pages and not the
 * whole cache. A price set no variant uses (a shipping option's) leads to no product.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { productsOf, type QueryGraph } from "../../src/modules/store-cache/product-lookup"
import { ensureCatalogue } from "../../src/scripts/lib/catalogue"

jest.setTimeout(180 * 1000)

interface Seeded {
  graph: QueryGraph
  productId: string
  variantId: string
  inventoryItemId: string
  levelId: string
  priceId: string
  priceSetId: string
  locationId: string
}

async function seeded(container: MedusaContainer): Promise<Seeded> {
  await ensureCatalogue(container)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const graph: QueryGraph = (config) => query.graph(config as any) as any
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "product_id", "inventory_items.inventory_item_id", "price_set.id", "price_set.prices.id"],
    filters: { manage_inventory: true },
  })
  const variant = variants.find((v: any) => v.inventory_items?.length && v.price_set?.prices?.length) as any
  const inventoryItemId = variant.inventory_items[0].inventory_item_id
  const [level] = await container.resolve(Modules.INVENTORY).listInventoryLevels({ inventory_item_id: inventoryItemId })
  return {
    graph,
    productId: variant.product_id,
    variantId: variant.id,
    inventoryItemId,
    levelId: level.id,
    locationId: level.location_id,
    priceSetId: variant.price_set.id,
    priceId: variant.price_set.prices[0].id,
  }
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ getContainer }) => {
    let seed: Seeded
    beforeAll(async () => {
      seed = await seeded(getContainer())
    })

    it("leads from a variant, its inventory item and its stock level to the variant's product", async () => {
      expect(await productsOf(seed.graph, "product-variant", [seed.variantId])).toEqual([seed.productId])
      expect(await productsOf(seed.graph, "inventory-item", [seed.inventoryItemId])).toEqual([seed.productId])
      expect(await productsOf(seed.graph, "inventory-level", [seed.levelId])).toEqual([seed.productId])
    })

    it("leads from a reservation, as an order makes one, to the reserved variant's product", async () => {
      const [reservation] = await getContainer()
        .resolve(Modules.INVENTORY)
        .createReservationItems([
          { inventory_item_id: seed.inventoryItemId, location_id: seed.locationId, quantity: 1 },
        ])
      expect(await productsOf(seed.graph, "reservation-item", [reservation.id])).toEqual([seed.productId])
    })

    it("leads from a price and its price set to the product, and from a shipping option's price set to none", async () => {
      expect(await productsOf(seed.graph, "price", [seed.priceId])).toEqual([seed.productId])
      expect(await productsOf(seed.graph, "price-set", [seed.priceSetId])).toEqual([seed.productId])
      const [shippingPriceSet] = await getContainer()
        .resolve(Modules.PRICING)
        .createPriceSets([{ prices: [{ amount: 49, currency_code: "dkk" }] }])
      expect(await productsOf(seed.graph, "price-set", [shippingPriceSet.id])).toEqual([])
    })

    it("finds a deleted variant's product, so deleting one drops its pages", async () => {
      const product = getContainer().resolve(Modules.PRODUCT)
      const [extra] = await product.createProductVariants([
        { product_id: seed.productId, title: "Prøve", sku: `lookup-${Date.now()}`, manage_inventory: false },
      ])
      await product.softDeleteProductVariants([extra.id])
      expect(await productsOf(seed.graph, "product-variant", [extra.id])).toEqual([seed.productId])
    })
  },
})
