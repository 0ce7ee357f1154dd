import type { ServerResponse } from "node:http"
import { container } from "@medusajs/framework"
import { wrapTraceRequestHandler } from "../internals/medusa-start-trace-hook"
import { processReadiness } from "../health/probes"

export const READINESS_PATH = "/health/ready"

/**
 * GET /health/ready in worker mode. Medusa loads no API routes in a worker
 * (src/api/health/ready/route.ts serves the server and shared modes), but
 * `medusa start` hands every request to its request hook when one is set
 * (src/internals/medusa-start-trace-hook.ts). Installed
 * from instrumentation.ts, which `medusa start` loads before it creates the
 * HTTP server; in other modes it installs nothing.
 */
export function installWorkerReadiness(
  env: NodeJS.ProcessEnv = process.env,
  options: Parameters<typeof wrapTraceRequestHandler>[1] = {}
): boolean {
  // Only in a worker: once the hook is set, `medusa start` also searches its
  // router stack for every request, work a server has no reason to do. The
  // config module reads the mode from the same variable.
  if (env.MEDUSA_WORKER_MODE !== "worker") {
    return false
  }
  wrapTraceRequestHandler(
    (previous) => async (handler, req, res, path) => {
      if (req.method === "GET" && req.url?.split("?")[0] === READINESS_PATH) {
        await answerReadiness(res)
        return
      }
      return previous ? previous(handler, req, res, path) : handler()
    },
    options
  )
  return true
}

async function answerReadiness(res: ServerResponse): Promise<void> {
  const report = await processReadiness(container)
  res.writeHead(report.status === "ok" ? 200 : 503, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  })
  res.end(JSON.stringify(report))
}
