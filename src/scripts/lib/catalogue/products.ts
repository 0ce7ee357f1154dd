import type {
  CreateProductCategoryDTO,
  CreateProductWorkflowInputDTO,
  MedusaContainer,
} from "@medusajs/framework/types"
import { MedusaError, Modules, ProductStatus } from "@medusajs/framework/utils"
import { createProductCategoriesWorkflow, createProductsWorkflow } from "@medusajs/medusa/core-flows"
import { CATEGORIES, type CategoryData } from "../catalogue-data"
import { missing } from "./missing"
import { PRODUCTS, type ProductData } from "./product-data"

/**
 * The four categories, by handle. Appends what it creates to `created`;
 * returns each category's id by its handle.
 */
export async function ensureCategories(container: MedusaContainer, created: string[]): Promise<Map<string, string>> {
  const productModule = container.resolve(Modules.PRODUCT)
  const categories = await productModule.listProductCategories({ handle: CATEGORIES.map((c) => c.handle) })
  const missingCategories = missing(CATEGORIES, categories, (c) => c.handle)
  if (missingCategories.length) {
    const { result } = await createProductCategoriesWorkflow(container).run({
      input: { product_categories: missingCategories.map(toCategoryInput) },
    })
    categories.push(...result)
    created.push(`categories ${missingCategories.map((c) => c.name).join(", ")}`)
  }
  return new Map(categories.map((c) => [c.handle, c.id]))
}

function toCategoryInput(category: CategoryData): CreateProductCategoryDTO {
  return { name: category.name, handle: category.handle, description: category.description, is_active: true }
}

export interface ProductPlacement {
  categoryIds: Map<string, string>
  salesChannelId: string
  shippingProfileId: string
}

/**
 * The products of ./product-data.ts, by handle, published in the Webshop
 * sales channel with their DKK and EUR prices; their pictures come next, from
 * ./images.ts. Appends what it creates to `created`.
 */
export async function ensureProducts(
  container: MedusaContainer,
  placement: ProductPlacement,
  created: string[]
): Promise<void> {
  const productModule = container.resolve(Modules.PRODUCT)
  const existingProducts = await productModule.listProducts(
    { handle: PRODUCTS.map((p) => p.handle) },
    { select: ["id", "handle"] }
  )
  const missingProducts = missing(PRODUCTS, existingProducts, (p) => p.handle)
  if (!missingProducts.length) {
    return
  }
  // A SKU already used by another product would fail the workflow with a
  // bare unique-constraint error; name the SKUs instead.
  const skus = missingProducts.flatMap((p) => p.variants.map((v) => v.sku))
  const taken = await productModule.listProductVariants({ sku: skus }, { select: ["sku"] })
  if (taken.length) {
    throw new MedusaError(
      MedusaError.Types.DUPLICATE_ERROR,
      `Catalogue: SKUs ${taken.map((v) => v.sku).join(", ")} already belong to other products`
    )
  }
  await createProductsWorkflow(container).run({
    input: { products: missingProducts.map((p) => toProductInput(p, placement)) },
  })
  created.push(`${missingProducts.length} products (${missingProducts.map((p) => p.handle).join(", ")})`)
}

function toProductInput(product: ProductData, placement: ProductPlacement): CreateProductWorkflowInputDTO {
  const categoryId = placement.categoryIds.get(product.category)
  if (!categoryId) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Category "${product.category}" of ${product.handle} is missing`)
  }
  return {
    title: product.title,
    handle: product.handle,
    subtitle: product.subtitle,
    description: product.description,
    status: ProductStatus.PUBLISHED,
    category_ids: [categoryId],
    shipping_profile_id: placement.shippingProfileId,
    options: [{ title: product.option, values: product.variants.map((v) => v.value) }],
    variants: product.variants.map((v) => ({
      title: v.value,
      sku: v.sku,
      manage_inventory: true,
      options: { [product.option]: v.value },
      prices: [
        { currency_code: "dkk", amount: v.prices.dkk },
        { currency_code: "eur", amount: v.prices.eur },
      ],
    })),
    sales_channels: [{ id: placement.salesChannelId }],
  }
}
