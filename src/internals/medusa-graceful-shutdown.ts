/**
 * INTERNAL: the shutdown `medusa start` runs on SIGTERM.
 *
 * Relies on: `@medusajs/medusa@2.21.2` dist/commands/start.js wraps its server with
 * `GracefulShutdownServer.create(server)` (`@medusajs/utils` dist/common/graceful-shutdown-server.js), which assigns
 * `server.shutdown`, and its SIGTERM and SIGINT handlers call `server.shutdown()` before Medusa's own shutdown and
 * `process.exit(0)`.
 *
 * Why: Medusa's shutdown closes every connection that is idle at that moment and every 200 ms after; a keep-alive
 * connection is idle for the instant between two requests, so a proxy's next request is reset
 * (src/instrumentation/drain-connections.ts). The drain must run where Medusa's shutdown would.
 *
 * When it changes: the drain's `shutdown` is defined on the server so that Medusa's later assignment leaves it in
 * place. If Medusa has not assigned one by the time the server listens, one error line says so: the drain stays
 * on the server, but whether SIGTERM still reaches it is then up to the new release. Canary: medusaStartShutsDownThroughServer.
 *
 * Remove when: Medusa drains keep-alive connections itself, or lets an app give the server's shutdown.
 */
import type { Server } from "node:http"
import { logInternalChanged } from "./changed"

export const INTERNAL_NAME = "medusa start's server.shutdown"

export type Shutdown = () => Promise<void>

/**
 * Makes `server.shutdown` be `shutdown`, whatever is assigned to it afterwards. With `expectMedusa`, logs one
 * error line if nothing (Medusa's GracefulShutdownServer) assigned one by the time the server listens.
 */
export function takeOverShutdown(
  server: Server,
  shutdown: Shutdown,
  { expectMedusa = false, log = (line: string) => console.error(line) } = {}
): void {
  let assigned = false
  Object.defineProperty(server, "shutdown", {
    get: () => shutdown,
    set: () => {
      assigned = true
    },
    configurable: true,
  })
  if (!expectMedusa) return
  server.once("listening", () => {
    if (assigned) return
    logInternalChanged(
      INTERNAL_NAME,
      "GracefulShutdownServer.create(server) assigns server.shutdown before the server listens",
      "no assignment",
      "server.shutdown stays the drain, but Medusa may no longer call it on SIGTERM",
      log
    )
  })
}
