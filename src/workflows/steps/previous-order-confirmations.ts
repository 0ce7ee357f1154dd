import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export interface PreviousOrderConfirmations {
  /** A confirmation for this order reached its provider. */
  sent: boolean
  /** Earlier attempts that did not (failed, or cut off while pending). */
  unfinished: number
}

/**
 * What earlier runs did for this order. The notification module alone is not
 * enough: it resends a key whose row is "failure" under a fresh id it never
 * stores (the update then fails, the event is retried, the customer gets the
 * email again each time), and skips a key whose row stayed "pending" because
 * the worker died mid-send (the customer never gets one). So every attempt
 * after the first gets its own key, and only a "success" row counts as sent.
 */
export const previousOrderConfirmationsStep = createStep(
  "previous-order-confirmations",
  async ({ order_id }: { order_id: string }, { container }) => {
    const notifications = await container
      .resolve(Modules.NOTIFICATION)
      .listNotifications({ resource_id: order_id, trigger_type: "order.placed", channel: "email" })
    const result: PreviousOrderConfirmations = {
      sent: notifications.some((n) => n.status === "success"),
      unfinished: notifications.filter((n) => n.status !== "success").length,
    }
    return new StepResponse(result)
  }
)
