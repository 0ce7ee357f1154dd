import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { processReadiness } from "../../../health/probes"

/**
 * GET /health/ready: 200 when the database and Redis answer, 503 otherwise,
 * with the per-check latency. Railway's healthcheck for the server points here.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const report = await processReadiness(req.scope)
  res.setHeader("cache-control", "no-store")
  res.status(report.status === "ok" ? 200 : 503).json(report)
}

export const AUTHENTICATE = false
