import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { appVersion, databaseProbe, redisProbe } from "../../../health/probes"
import { DEFAULT_CHECK_TIMEOUT_MS, readinessReport } from "../../../health/readiness"

/**
 * GET /health/ready: 200 when the database and Redis answer, 503 otherwise,
 * with the per-check latency. Railway's healthcheck for the server points here.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const config = req.scope.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const report = await readinessReport({
    mode: config.projectConfig.workerMode ?? "shared",
    version: appVersion(),
    uptimeSeconds: process.uptime(),
    database: databaseProbe(req.scope),
    redis: redisProbe(config),
    timeoutMs: DEFAULT_CHECK_TIMEOUT_MS,
  })
  res.setHeader("cache-control", "no-store")
  res.status(report.status === "ok" ? 200 : 503).json(report)
}

export const AUTHENTICATE = false
