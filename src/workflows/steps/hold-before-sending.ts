import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { confirmationDelayMs } from "../../config/confirmation-delay"
import { parseEnv } from "../../config/env"

/** Read once per process: the config module validated it at boot. */
let delayMs: number | undefined

/**
 * Waits ORDER_CONFIRMATION_DELAY_MS (0 unless a fault drill sets it) before the confirmation is handed to the
 * notification module, so a drill can kill the worker while a confirmation is on its way.
 */
export const holdBeforeSendingStep = createStep("hold-before-sending", async () => {
  delayMs ??= confirmationDelayMs(parseEnv(process.env))
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs))
  return new StepResponse(delayMs)
})
