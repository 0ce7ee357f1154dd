import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { confirmationDelayMs } from "../../config/confirmation-delay"
import { parseEnv } from "../../config/env"

/**
 * Waits ORDER_CONFIRMATION_DELAY_MS (validated at boot; 0 unless a fault drill sets it) before the confirmation
 * is handed to the notification module, so a drill can kill the worker while a confirmation is on its way.
 */
export const holdBeforeSendingStep = createStep("hold-before-sending", async () => {
  const delayMs = confirmationDelayMs(parseEnv(process.env))
  if (delayMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, delayMs))
  }
  return new StepResponse(delayMs)
})
