import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { CosmeticsInput } from "../../../../../modules/cosmetics/rules"
import { setProductCosmeticsWorkflow } from "../../../../../workflows/set-product-cosmetics"
import type { AdminSetProductCosmeticsType } from "./validators"

/** A product's cosmetics data (null when none is saved yet), for the admin's product page. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [product],
  } = await query.graph({ entity: "product", fields: ["id", "cosmetics.*"], filters: { id: req.params.id } })
  if (!product) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product with id: ${req.params.id} was not found`)
  }
  res.json({ cosmetics: (product as { cosmetics?: unknown }).cosmetics ?? null })
}

/** Saves a product's cosmetics data; 400 naming every problem (src/modules/cosmetics/rules.ts). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSetProductCosmeticsType>, res: MedusaResponse) => {
  const { result } = await setProductCosmeticsWorkflow(req.scope).run({
    input: { product_id: req.params.id, cosmetics: req.validatedBody as CosmeticsInput },
  })
  res.json({ cosmetics: result })
}
