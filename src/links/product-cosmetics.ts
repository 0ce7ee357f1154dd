import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import CosmeticsModule from "../modules/cosmetics"

/**
 * A product's cosmetics data (at most one row each way). The Store API
 * returns it with `fields=+cosmetics.*`; deleting a product deletes its row.
 */
export default defineLink(ProductModule.linkable.product, {
  linkable: CosmeticsModule.linkable.cosmeticLabel,
  alias: "cosmetics",
  deleteCascade: true,
})
