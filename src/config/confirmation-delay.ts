import type { Env } from "./env"

/**
 * How long the worker holds each order confirmation before it is sent, for the fault drills
 * (integration-tests/drills/worker-killed.spec.ts): it widens the moment a worker can be killed mid-send from
 * microseconds to seconds, so the drill can kill it there on purpose. Nothing else reads it; unset (0) in a
 * real shop, and the worker warns at boot while it is set (./index.ts).
 */
export function confirmationDelayMs(env: Pick<Env, "ORDER_CONFIRMATION_DELAY_MS">): number {
  return env.ORDER_CONFIRMATION_DELAY_MS ?? 0
}
