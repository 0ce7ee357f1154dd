import type { Server, ServerResponse } from "node:http"
import type { Socket } from "node:net"
import { hookNextHttpServer, type HookOptions } from "../internals/medusa-http-server"
import { takeOverShutdown } from "../internals/medusa-graceful-shutdown"

export interface DrainOptions {
  /** While closing, a connection with no request for this long is closed: its client has nothing more to send. */
  idleCloseMs: number
  /** Whatever is still open after this is cut; the start script stops Medusa 5 s before Railway's SIGKILL. */
  timeoutMs: number
}

export const DEFAULT_DRAIN: DrainOptions = { idleCloseMs: 1_000, timeoutMs: 20_000 }

type ShutdownServer = Server & { shutdown?: (timeout?: number) => Promise<void> }

/**
 * The server's side of a redeploy without a reset connection. On SIGTERM `medusa start` calls
 * `server.shutdown()` from Medusa's GracefulShutdownServer, which closes every connection that is idle at that
 * moment and every 200 ms after. A keep-alive connection is idle for the instant between one answer and the
 * client's next request, so a client (Railway's proxy, a load balancer) that just sent a request on it gets the
 * connection reset: a request lost that the server never read, which the client cannot tell from one it did.
 *
 * This shutdown replaces it: the server stops accepting connections; every answer from then on says
 * `Connection: close`, so each open connection ends after its next answer, at the client's knowledge; a request
 * in progress always completes; only a connection idle for `idleCloseMs` (its client has moved on) is closed.
 * It resolves when the last connection has ended, or cuts what is left after `timeoutMs`.
 */
export function drainOnShutdown(
  server: ShutdownServer,
  options: DrainOptions = DEFAULT_DRAIN,
  takeOver: Parameters<typeof takeOverShutdown>[2] = {}
): void {
  const connections = new Map<Socket, { busy: number; idleSince: number }>()
  const answering = new Set<ServerResponse>()
  let closing: Promise<void> | undefined

  server.on("connection", (socket: Socket) => {
    connections.set(socket, { busy: 0, idleSince: Date.now() })
    socket.once("close", () => connections.delete(socket))
  })
  // First of the request listeners, so the header is set before any answer starts.
  server.prependListener("request", (req, res) => {
    const state = connections.get(req.socket)
    if (state) state.busy += 1
    if (closing) res.setHeader("Connection", "close")
    answering.add(res)
    res.once("close", () => {
      answering.delete(res)
      if (!state) return
      state.busy -= 1
      state.idleSince = Date.now()
    })
  })

  const shutdown = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      const started = Date.now()
      for (const res of answering) if (!res.headersSent) res.setHeader("Connection", "close")
      // Node's close() would also close the idle keep-alive connections at once: the race described above.
      server.closeIdleConnections = () => undefined
      const sweep = setInterval(() => {
        const now = Date.now()
        const late = now - started >= options.timeoutMs
        for (const [socket, state] of connections) {
          if (late || (state.busy === 0 && now - state.idleSince >= options.idleCloseMs)) socket.destroy()
        }
      }, 100)
      server.close(() => {
        clearInterval(sweep)
        resolve()
      })
    })
    return closing
  }
  takeOverShutdown(server, shutdown, takeOver)
}

/** Puts drainOnShutdown on the HTTP server `medusa start` creates next (installed from instrumentation.ts). */
export function installConnectionDrain(options: DrainOptions = DEFAULT_DRAIN, hookOptions: HookOptions = {}): void {
  hookNextHttpServer({ onCreated: (server) => drainOnShutdown(server, options, { expectMedusa: true }) }, hookOptions)
}
