import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { upsertProductCosmeticsStep, type UpsertProductCosmeticsInput } from "./steps/upsert-product-cosmetics"

export const setProductCosmeticsWorkflowId = "set-product-cosmetics"

/**
 * Saves a product's cosmetics data (EU Cosmetics Regulation art. 19), as
 * staff do on the product page of the admin (POST
 * /admin/products/:id/cosmetics) and the seed does for its products. The
 * row's own events and the link's empty the store cache.
 */
export const setProductCosmeticsWorkflow = createWorkflow(
  setProductCosmeticsWorkflowId,
  (input: UpsertProductCosmeticsInput) => new WorkflowResponse(upsertProductCosmeticsStep(input))
)
