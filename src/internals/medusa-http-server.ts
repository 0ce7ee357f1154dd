/**
 * INTERNAL: the HTTP server `medusa start` creates.
 *
 * Relies on: `@medusajs/medusa@2.21.2` dist/commands/start.js, `internalStart()`: it awaits
 * `registerInstrumentation(directory)` (which calls instrumentation.ts's `register()`) and then, with nothing
 * awaited in between, calls `http.createServer(listener)` on Node's `http` module object.
 *
 * Why: it is the only way Medusa 2.21 offers to the server object and to the requests before Express: the
 * server's timeouts (src/instrumentation/server-timeouts.ts), the connection drain on SIGTERM
 * (src/instrumentation/drain-connections.ts) and the store cache's front door (src/instrumentation/store-cache-front-door.ts).
 * Medusa's own `traceRequestHandler` hook makes it search its router stack on every request.
 *
 * When it changes: the hooks apply to the next `http.createServer` call only if that call comes from Medusa's
 * start command. A call from anywhere else, or no call within NEXT_SERVER_WAIT_MS of the first hook, logs one
 * error line, puts `http.createServer` back and drops every pending hook: the server runs as Medusa makes it,
 * without the timeouts, the drain and the front door, never with some of them. Canary: medusaStartCreatesServer.
 *
 * Remove when: Medusa lets an app configure its HTTP server (timeouts, a listener in front of Express, the
 * shutdown) or its request handler without a router search.
 */
import http, { type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from "node:http"
import { logInternalChanged } from "./changed"

export type Listener = (req: IncomingMessage, res: ServerResponse) => void

export interface NextServerHook {
  /** Options the server is created with, over those the caller passed (timeouts that only creation sets). */
  options?: ServerOptions
  /** Put in front of the request listener the server is created with. */
  wrapListener?: (listener: Listener) => Listener
  /** Called with the server once it exists, before anyone listens on it. */
  onCreated?: (server: Server) => void
}

/** Where the next server must come from (tests give their own file) and where a changed internal is reported. */
export interface HookOptions {
  from?: RegExp
  log?: (line: string) => void
}

export const INTERNAL_NAME = "medusa start's http.createServer"
/** `medusa start` creates its server right after register(); a minute covers any slow first import. */
export const NEXT_SERVER_WAIT_MS = 60_000
/**
 * A stack frame of Medusa's start command: where the next server must come from. Medusa runs with source maps,
 * so the frame may name the compiled file (dist/commands/start.js) or its source (src/commands/start.ts).
 */
export const MEDUSA_START_FRAME = /[\\/]@medusajs[\\/]medusa[\\/](dist|src)[\\/]commands[\\/]start\.[jt]s:/
/** This file's own frames, compiled or source-mapped. */
const OWN_FRAME = /[\\/]internals[\\/]medusa-http-server\.[jt]s:/

interface Pending {
  hooks: NextServerHook[]
  original: typeof http.createServer
  hooked: typeof http.createServer
  timer: NodeJS.Timeout
  from: RegExp
  log: (line: string) => void
}

let pending: Pending | undefined

/**
 * Applies `hook` to the next `http.createServer` call, made by Medusa's start command. Hooks installed one
 * after another all apply to that one call: options in the order installed, listeners wrapped so that the
 * last installed sees a request first, `onCreated` in the order installed.
 *
 * Only the first hook's `from` and `log` count: they describe the one call all pending hooks wait for.
 */
export function hookNextHttpServer(
  hook: NextServerHook,
  { from = MEDUSA_START_FRAME, log = (line: string) => console.error(line) }: HookOptions = {}
): void {
  if (pending) {
    pending.hooks.push(hook)
    return
  }
  const original = http.createServer
  const hooked = function createServerHooked(this: unknown, ...args: unknown[]) {
    const current = pending
    release()
    if (!current) return (original as (...a: unknown[]) => Server).apply(this, args)
    if (!calledFrom(current.from)) {
      logInternalChanged(
        INTERNAL_NAME,
        "the next http.createServer call after register() comes from @medusajs/medusa/dist/commands/start.js",
        `a call from ${firstForeignFrame() ?? "an unknown caller"}`,
        "the server runs without the project's timeouts, connection drain and store cache front door",
        current.log
      )
      return (original as (...a: unknown[]) => Server).apply(this, args)
    }
    const { hooks } = current
    for (const { options } of hooks) {
      if (!options) continue
      if (args[0] && typeof args[0] === "object") args[0] = { ...args[0], ...options }
      else args.unshift(options)
    }
    const at = args.findIndex((arg) => typeof arg === "function")
    for (const { wrapListener } of hooks) {
      if (wrapListener && at >= 0) args[at] = wrapListener(args[at] as Listener)
    }
    const server = (original as (...a: unknown[]) => Server).apply(this, args)
    for (const { onCreated } of hooks) onCreated?.(server)
    return server
  } as typeof http.createServer
  const timer = setTimeout(() => {
    const current = pending
    release()
    if (!current) return
    logInternalChanged(
      INTERNAL_NAME,
      "medusa start calls http.createServer right after register()",
      `no call within ${NEXT_SERVER_WAIT_MS / 1000} s`,
      "the server runs without the project's timeouts, connection drain and store cache front door",
      current.log
    )
  }, NEXT_SERVER_WAIT_MS)
  timer.unref()
  pending = { hooks: [hook], original, hooked, timer, from, log }
  http.createServer = hooked
}

/** Puts `http.createServer` back and forgets the pending hooks. */
function release(): void {
  if (!pending) return
  clearTimeout(pending.timer)
  if (http.createServer === pending.hooked) http.createServer = pending.original
  pending = undefined
}

/** Whether the current stack holds a frame matching `from`. */
function calledFrom(from: RegExp): boolean {
  return stackLines().some((line) => from.test(line))
}

function firstForeignFrame(): string | undefined {
  return stackLines()
    .find((line) => !OWN_FRAME.test(line) && !line.includes("node:"))
    ?.trim()
    .replace(/^at\s+/, "")
}

function stackLines(): string[] {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 50
  try {
    return (new Error().stack ?? "").split("\n").slice(1)
  } finally {
    Error.stackTraceLimit = limit
  }
}
