import type { MedusaContainer } from "@medusajs/framework/types"
import { ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createSalesChannelsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from "@medusajs/medusa/core-flows"

export interface StoreFixture {
  publishableKey: string
  productHandle: string
}

/**
 * The least a storefront needs: a sales channel, a publishable key linked to
 * it and one published product in that channel. Made through Medusa's own
 * workflows, as the admin would.
 */
export async function createStoreFixture(container: MedusaContainer): Promise<StoreFixture> {
  const {
    result: [channel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Test webshop" }] },
  })
  const {
    result: [key],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Test storefront", type: "publishable", created_by: "test" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: key.id, add: [channel.id] },
  })
  const productHandle = "test-rose-face-oil"
  await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: "Rose face oil",
          handle: productHandle,
          status: ProductStatus.PUBLISHED,
          options: [{ title: "Size", values: ["30 ml"] }],
          variants: [{ title: "30 ml", sku: "TEST-ROSE-30", options: { Size: "30 ml" }, prices: [] }],
          sales_channels: [{ id: channel.id }],
        },
      ],
    },
  })
  return { publishableKey: key.token, productHandle }
}
