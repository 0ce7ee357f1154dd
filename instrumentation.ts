import { installStoreCacheFrontDoor } from "./src/api/caching/front-door"
import { markServingStoreApi, storeCache, storeCacheKey } from "./src/api/caching/store-cache"
import { installServerTimeouts } from "./src/api/limits/server-timeouts"
import { installConnectionDrain } from "./src/api/shutdown/drain-connections"
import { installWorkerReadiness } from "./src/health/worker-readiness"

/**
 * `medusa start` calls register() before it creates the HTTP server. This
 * project traces nothing (Medusa logs "OTEL registered" regardless); it uses
 * the moment for these: the worker's GET /health/ready (the server's
 * is an API route), so Railway's healthcheck on the worker proves its
 * database and Redis answer; and, on the server, a shutdown that drains
 * keep-alive connections instead of resetting them (src/api/shutdown/) and
 * answering repeated anonymous catalogue requests from memory before Express
 * (src/api/caching/front-door.ts), and timeouts for clients that send their
 * requests slowly (src/api/limits/server-timeouts.ts).
 */
export function register(): void {
  if (installWorkerReadiness()) return
  installServerTimeouts()
  installConnectionDrain()
  installStoreCacheFrontDoor(storeCache, storeCacheKey)
  markServingStoreApi()
}
