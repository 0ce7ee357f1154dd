import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * GET /store/return-reasons in the request's language. Medusa 2.21.2's own
 * route reads return reasons without the request's locale, so a storefront
 * asking in English would get the Danish labels although the reasons carry
 * English translations. This route replaces it with the same query, filters
 * and answer, passing the locale as Medusa's category and collection routes
 * do. Medusa's validation of the query (fields, limit, offset) still runs
 * before it.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: return_reasons, metadata } = await query.graph(
    {
      entity: "return_reason",
      filters: req.filterableFields,
      pagination: req.queryConfig.pagination,
      fields: req.queryConfig.fields,
    },
    { locale: req.locale }
  )
  res.json({ return_reasons, count: metadata?.count, offset: metadata?.skip, limit: metadata?.take })
}
