import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * POST /store/payment-collections/:id/payment-sessions: Medusa 2.21's
 * workflow fails with a TypeError (a 500) when the collection does not
 * exist; here that is the 404 it is.
 */
export async function paymentCollectionExists(
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
): Promise<void> {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "payment_collection",
    fields: ["id"],
    filters: { id: req.params.id },
  })
  if (data.length) return next()
  res.status(404).json({ type: "not_found", message: `Payment collection ${req.params.id} was not found` })
}
