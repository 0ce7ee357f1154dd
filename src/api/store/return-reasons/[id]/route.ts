import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

/**
 * GET /store/return-reasons/:id in the request's language (see ../route.ts
 * for why it replaces Medusa's own). An unknown id is a 404, where Medusa's
 * route answers 200 with no reason.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [return_reason],
  } = await query.graph(
    { entity: "return_reason", filters: { id: req.params.id }, fields: req.queryConfig.fields },
    { locale: req.locale }
  )
  if (!return_reason) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Return reason with id: ${req.params.id} was not found`)
  }
  res.json({ return_reason })
}
