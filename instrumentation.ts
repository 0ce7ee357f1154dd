import { installStoreCacheFrontDoor } from "./src/instrumentation/store-cache-front-door"
import { markServingStoreApi, storeCache, storeCacheKey } from "./src/api/middlewares/caching/store-cache"
import { installServerTimeouts } from "./src/instrumentation/server-timeouts"
import { installConnectionDrain } from "./src/instrumentation/drain-connections"
import { installWorkerReadiness } from "./src/instrumentation/worker-readiness"

/**
 * `medusa start` calls register() before it creates the HTTP server. This
 * project traces nothing (Medusa logs "OTEL registered" regardless); it uses
 * the moment for these: the worker's GET /health/ready (the server's
 * is an API route), so Railway's healthcheck on the worker proves its
 * database and Redis answer; and, on the server, a shutdown that drains
 * keep-alive connections instead of resetting them (src/instrumentation/drain-connections.ts) and
 * answering repeated anonymous catalogue requests from memory before Express
 * (src/instrumentation/store-cache-front-door.ts), and timeouts for clients that send their
 * requests slowly (src/instrumentation/server-timeouts.ts).
 *
 * The server's three and the worker's readiness reach Medusa's start command
 * through src/internals/, which checks what they lean on and, when a release
 * changed it, logs one `[internals]` line and leaves Medusa's behaviour as is.
 */
export function register(): void {
  if (installWorkerReadiness()) return
  installServerTimeouts()
  installConnectionDrain()
  installStoreCacheFrontDoor(storeCache, storeCacheKey)
  markServingStoreApi()
}
