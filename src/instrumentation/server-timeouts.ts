import type { ServerOptions } from "node:http"
import { hookNextHttpServer, type HookOptions } from "../internals/medusa-http-server"

/**
 * How long the server waits for a client, set on purpose rather than left at Node's defaults (docs/security.md):
 *
 * - `headersTimeout` 10 s: a client has that long to send its request line and headers. Node's default (60 s)
 *   lets a slow-header client ("slowloris") hold a connection and its memory for a minute per try; a
 *   storefront, a browser or Railway's proxy sends its headers at once.
 * - `requestTimeout` 120 s: the whole request, body included. Staff upload product pictures from a shop's
 *   connection; Node's default (300 s) would keep a stalled upload five minutes.
 * - `connectionsCheckingInterval` 1 s: how often Node enforces both. Its default (30 s) would let a slow client
 *   outlive the timeout by up to half a minute.
 *
 * Node answers a client that misses either timeout with 408 and closes the connection. Keep-alive stays at
 * Node's 5 s; the shutdown drain (./drain-connections.ts) relies on idle connections closing.
 */
export const SERVER_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 120_000,
  connectionsCheckingInterval: 1_000,
} as const satisfies ServerOptions

/** Creates the HTTP server `medusa start` makes next with SERVER_TIMEOUTS (installed from instrumentation.ts). */
export function installServerTimeouts(hookOptions: HookOptions = {}): void {
  hookNextHttpServer({ options: SERVER_TIMEOUTS }, hookOptions)
}
