import type { Env, WorkerMode } from "./env"
import { configWarning, type ConfigWarning } from "./errors"

/**
 * How long the worker holds each order confirmation before it is sent, for the fault drills
 * (integration-tests/drills/worker-killed.spec.ts): it widens the moment a worker can be killed mid-send from
 * microseconds to seconds, so the drill can kill it there on purpose. Nothing else reads it; unset (0) in a
 * real shop.
 */
export function confirmationDelayMs(env: Pick<Env, "ORDER_CONFIRMATION_DELAY_MS">): number {
  return env.ORDER_CONFIRMATION_DELAY_MS ?? 0
}

/** The boot warning of a process that sends confirmations (worker or shared mode) while the delay is set. */
export function confirmationDelayWarnings(
  env: Pick<Env, "ORDER_CONFIRMATION_DELAY_MS">,
  workerMode: WorkerMode
): ConfigWarning[] {
  const delayMs = confirmationDelayMs(env)
  if (workerMode === "server" || delayMs === 0) return []
  return [
    configWarning(
      `ORDER_CONFIRMATION_DELAY_MS: order confirmations are held ${delayMs} ms before sending; it exists for the fault drills`,
      "unset it in a real shop"
    ),
  ]
}
