import type { IncomingMessage, Server, ServerOptions, ServerResponse } from "node:http"

export type Listener = (req: IncomingMessage, res: ServerResponse) => void

export interface NextServerHook {
  /** Options the server is created with, over those the caller passed (timeouts that only creation sets). */
  options?: ServerOptions
  /** Put in front of the request listener the server is created with. */
  wrapListener?: (listener: Listener) => Listener
  /** Called with the server once it exists, before anyone listens on it. */
  onCreated?: (server: Server) => void
}

/**
 * Hooks the next `http.createServer` call and puts `createServer` back as it was. instrumentation.ts's register()
 * runs right before `medusa start` creates its HTTP server, so the next call is that one: the only way in that
 * Medusa 2.21 offers to the server object and to the requests before Express (its traceRequestHandler hook makes
 * Medusa search its router stack on every request). Hooks installed one after another chain: each restores the
 * one installed before it.
 */
export function hookNextHttpServer(hook: NextServerHook): void {
  const http = require("node:http") as typeof import("node:http")
  const original = http.createServer
  http.createServer = function createServerHooked(this: unknown, ...args: unknown[]) {
    http.createServer = original
    if (hook.options) {
      if (args[0] && typeof args[0] === "object") args[0] = { ...args[0], ...hook.options }
      else args.unshift(hook.options)
    }
    const at = args.findIndex((arg) => typeof arg === "function")
    if (hook.wrapListener && at >= 0) args[at] = hook.wrapListener(args[at] as Listener)
    const server = (original as (...a: unknown[]) => Server).apply(this, args)
    hook.onCreated?.(server)
    return server
  } as typeof original
}
