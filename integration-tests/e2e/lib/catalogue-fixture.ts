import type { AdminApi } from "./admin-api"

/**
 * A product of the spec's own, made through the Admin API as staff would,
 * so a spec can change its price, stock, title and category without
 * touching the seeded catalogue other specs count on.
 */
export interface OwnProduct {
  productId: string
  variantId: string
  inventoryItemId: string
  locationId: string
  categoryId: string
  handle: string
}

function ok<T>(what: string, response: { status: number; body: any }, pick: (body: any) => T): T {
  if (response.status !== 200) throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(response.body)}`)
  return pick(response.body)
}

export async function createOwnProduct(
  admin: AdminApi,
  publishableKey: string,
  tag: string,
  dkk: number
): Promise<OwnProduct> {
  // The storefront's key sees the sales channels linked to it.
  const salesChannelId = ok(
    "publishable key",
    await admin.get("/admin/api-keys?type=publishable&fields=id,token,*sales_channels&limit=100"),
    (b) => b.api_keys.find((key: any) => key.token === publishableKey).sales_channels[0].id
  )
  const profileId = ok(
    "shipping profiles",
    await admin.get("/admin/shipping-profiles?limit=1"),
    (b) => b.shipping_profiles[0].id
  )
  const locationId = ok(
    "stock locations",
    await admin.get("/admin/stock-locations?limit=1"),
    (b) => b.stock_locations[0].id
  )
  const categoryId = ok(
    "category",
    await admin.post("/admin/product-categories", { name: `Freshness ${tag}`, is_active: true, is_internal: false }),
    (b) => b.product_category.id
  )
  const handle = `freshness-${tag}`
  const product = ok(
    "product",
    await admin.post("/admin/products", {
      title: `Freshness ${tag}`,
      handle,
      status: "published",
      shipping_profile_id: profileId,
      sales_channels: [{ id: salesChannelId }],
      categories: [{ id: categoryId }],
      options: [{ title: "Size", values: ["50 ml"] }],
      variants: [
        {
          title: "50 ml",
          sku: `FRESH-${tag}`,
          options: { Size: "50 ml" },
          manage_inventory: true,
          prices: [
            { currency_code: "dkk", amount: dkk },
            { currency_code: "eur", amount: Math.round(dkk / 7) },
          ],
        },
      ],
    }),
    (b) => b.product
  )
  const variantId = product.variants[0].id
  const inventoryItemId = ok(
    "inventory item",
    await admin.get(`/admin/product-variants?id=${variantId}&fields=id,inventory_items.inventory_item_id`),
    (b) => b.variants[0].inventory_items[0].inventory_item_id
  )
  ok(
    "stock level",
    await admin.post(`/admin/inventory-items/${inventoryItemId}/location-levels`, {
      location_id: locationId,
      stocked_quantity: 10,
    }),
    (b) => b
  )
  return { productId: product.id, variantId, inventoryItemId, locationId, categoryId, handle }
}

export { ok as expectOk }
