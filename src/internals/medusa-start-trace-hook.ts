/**
 * INTERNAL: the request hook of `medusa start`.
 *
 * Relies on: `@medusajs/medusa@2.21.2` dist/commands/start.js exports a writable `traceRequestHandler`; the
 * listener of the server it creates hands every request to it when it is set, as
 * `traceRequestHandler(() => app(req, res), req, res, expressPath)`. Medusa's own OpenTelemetry instrumentation
 * (dist/instrumentation) sets it the same way.
 *
 * Why: a worker loads no API routes, yet Railway's healthcheck needs the worker's GET /health/ready
 * (src/instrumentation/worker-readiness.ts). The hook is the way in that Medusa itself uses.
 *
 * When it changes: with no writable `traceRequestHandler` on the start command, one error line says so and the
 * worker answers no /health/ready: Railway's healthcheck then fails the deploy and keeps the previous worker
 * running, which is the safe outcome. Canary: medusaStartHasTraceHook.
 *
 * Remove when: Medusa serves a health route, or loads an app's routes, in worker mode.
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import { logInternalChanged } from "./changed"

export type TraceRequestHandler = (
  handler: () => Promise<void>,
  req: IncomingMessage,
  res: ServerResponse,
  path?: string
) => Promise<void>

export const INTERNAL_NAME = "medusa start's traceRequestHandler"
export const START_COMMAND = "@medusajs/medusa/commands/start"

type StartCommand = { traceRequestHandler?: TraceRequestHandler }

/** What is wrong with the start command's hook, or undefined when it can be set. */
export function traceHookProblem(startCommand: object): string | undefined {
  const descriptor = Object.getOwnPropertyDescriptor(startCommand, "traceRequestHandler")
  if (!descriptor) return "no traceRequestHandler export"
  if (!descriptor.writable && !descriptor.set) return "a traceRequestHandler export that cannot be set"
  return undefined
}

/**
 * Sets the start command's hook to `wrap(previous)`, keeping a hook set before (tracing); false, with one error
 * line, when the hook is not there to set.
 */
export function wrapTraceRequestHandler(
  wrap: (previous: TraceRequestHandler | undefined) => TraceRequestHandler,
  { startCommand = require(START_COMMAND) as StartCommand, log = (line: string) => console.error(line) } = {}
): boolean {
  const problem = traceHookProblem(startCommand)
  if (problem) {
    logInternalChanged(
      INTERNAL_NAME,
      `${START_COMMAND} exports a writable traceRequestHandler`,
      problem,
      "the worker answers no /health/ready, so Railway's healthcheck keeps the previous worker",
      log
    )
    return false
  }
  startCommand.traceRequestHandler = wrap(startCommand.traceRequestHandler)
  return true
}
