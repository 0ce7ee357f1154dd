import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { upsertProductCosmeticsStep, type UpsertProductCosmeticsInput } from "./steps/upsert-product-cosmetics"

export const setProductCosmeticsWorkflowId = "set-product-cosmetics"

/** Emitted once a product's cosmetics data is saved, with the product's id. */
export const PRODUCT_COSMETICS_UPDATED = "product-cosmetics.updated"

/**
 * Saves a product's cosmetics data (EU Cosmetics Regulation art. 19), as
 * staff do on the product page of the admin (POST
 * /admin/products/:id/cosmetics) and the seed does for its products. It
 * announces the change itself, naming the product: what a module's own
 * events carry is the row's id, which nothing that caches or indexes
 * products can trace back to its product. The store cache drops its answers
 * on it (an event it has no rule for empties it).
 */
export const setProductCosmeticsWorkflow = createWorkflow(
  setProductCosmeticsWorkflowId,
  (input: UpsertProductCosmeticsInput) => {
    const label = upsertProductCosmeticsStep(input)
    const event = transform({ input }, ({ input }) => ({
      eventName: PRODUCT_COSMETICS_UPDATED,
      data: { id: input.product_id },
    }))
    emitEventStep(event)
    return new WorkflowResponse(label)
  }
)
