import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/**
 * Reached only when nothing else answered: under /static, a file that is not
 * there (express.static passes those on, and Express would answer with an
 * HTML page). Clients of this server read JSON.
 */
export function jsonNotFound(_req: MedusaRequest, res: MedusaResponse): void {
  res.status(404).json({ type: "not_found", message: "There is no file at this path" })
}
