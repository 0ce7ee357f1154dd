import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { isRealEmailProvider } from "../../lib/confirmation-record"

/** The order metadata key the admin shows on the order's page. */
export const ORDER_CONFIRMATION_METADATA_KEY = "order_confirmation"

export type OrderConfirmationMark = "sent" | "logged-only"

/**
 * Marks the order in its metadata (`order_confirmation: "sent"` or
 * `"logged-only"`), so staff see in the admin which orders still owe the
 * customer an email. The notification rows stay the record the decisions are
 * made on; the mark is only a view of them, so failing to write it fails
 * nothing (a logged warning): the email has already gone at this point, and a
 * retry would find it sent and not come back here.
 */
export const markOrderConfirmationStep = createStep(
  "mark-order-confirmation",
  async ({ order_id, provider_id }: { order_id: string; provider_id?: string | null }, { container }) => {
    if (!provider_id) {
      // Nothing was handed to a provider in this run (the key existed).
      return new StepResponse(undefined)
    }
    const mark: OrderConfirmationMark = isRealEmailProvider(provider_id) ? "sent" : "logged-only"
    try {
      const orders = container.resolve(Modules.ORDER)
      const order = await orders.retrieveOrder(order_id, { select: ["id", "metadata"] })
      await orders.updateOrders(order_id, {
        metadata: { ...(order.metadata ?? {}), [ORDER_CONFIRMATION_METADATA_KEY]: mark },
      })
    } catch (error) {
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(`order confirmation: order ${order_id} not marked "${mark}" in its metadata: ${(error as Error).message}`)
    }
    return new StepResponse<OrderConfirmationMark | undefined>(mark)
  }
)
