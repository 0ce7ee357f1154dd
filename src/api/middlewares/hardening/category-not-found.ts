import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/**
 * GET /store/product-categories/:id: Medusa 2.21's route checks the list it
 * got rather than its first element, so an unknown id answers 200 with `{}`.
 * Here that is the 404 the other retrieve routes give.
 */
export function categoryNotFound(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): void {
  const json = res.json.bind(res)
  res.json = ((body: { product_category?: unknown }) => {
    if (res.statusCode === 200 && body && typeof body === "object" && body.product_category === undefined) {
      res.status(404)
      return json({ type: "not_found", message: `Product category with id: ${req.params.id} was not found` })
    }
    return json(body)
  }) as MedusaResponse["json"]
  next()
}
