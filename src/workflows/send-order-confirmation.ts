import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sendNotificationsStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { planOrderConfirmation } from "../lib/confirmation-record"
import { renderOrderConfirmation, type ConfirmationOrder } from "../lib/order-confirmation-email"
import { markOrderConfirmationStep } from "./steps/mark-order-confirmation"
import { previousOrderConfirmationsStep } from "./steps/previous-order-confirmations"

export interface SendOrderConfirmationInput {
  id: string
}

export type { OrderConfirmationOutcome, OrderConfirmationPlan } from "../lib/confirmation-record"

/**
 * The idempotency key of an order's confirmation: the notification module
 * refuses a second row with the same key. Attempt 1 is the plain key; a
 * retry after an unfinished attempt gets its own (see the previous step).
 */
export const orderConfirmationKey = (orderId: string, attempt = 1) =>
  attempt === 1 ? `order-confirmation:${orderId}` : `order-confirmation:${orderId}:attempt-${attempt}`

export const ORDER_CONFIRMATION_FIELDS = [
  "id",
  "display_id",
  "email",
  "currency_code",
  "total",
  "item_total",
  "shipping_total",
  "discount_total",
  "tax_total",
  "items.title",
  "items.product_title",
  "items.variant_title",
  "items.variant_sku",
  "items.quantity",
  "items.total",
  "shipping_address.first_name",
  "shipping_address.last_name",
  "shipping_address.address_1",
  "shipping_address.postal_code",
  "shipping_address.city",
  "shipping_address.country_code",
  "shipping_methods.name",
]

/**
 * Renders the order confirmation and hands it to the notification module on
 * the email channel (SendGrid or the log, see src/config/notification.ts).
 * The notification rows it leaves (status, provider, key) are the record of
 * what was sent: once one reached "success" at a real provider, a redelivered
 * order.placed sends nothing; one that was only logged counts as not sent
 * (planOrderConfirmation). The order's metadata mirrors it for the admin
 * (steps/mark-order-confirmation.ts). An order without an email address gets
 * nothing, by design.
 * The caller holds a lock per order (src/subscribers/order-placed-confirmation.ts).
 */
export const sendOrderConfirmationWorkflow = createWorkflow(
  "send-order-confirmation",
  (input: SendOrderConfirmationInput) => {
    const { data: orders } = useQueryGraphStep({
      entity: "order",
      fields: ORDER_CONFIRMATION_FIELDS,
      filters: { id: input.id },
      options: { throwIfKeyNotFound: true },
    })
    const previous = previousOrderConfirmationsStep({ order_id: input.id })

    const plan = transform({ orders, previous }, ({ orders, previous }) =>
      planOrderConfirmation(orders[0] as unknown as ConfirmationOrder, previous)
    )

    const notifications = when("order-confirmation-due", plan, (plan) => plan.outcome === "send").then(() => {
      const email = transform({ orders, plan }, ({ orders, plan }) => {
        const order = orders[0] as unknown as ConfirmationOrder
        const rendered = renderOrderConfirmation(order)
        return [
          {
            to: order.email!,
            channel: "email",
            template: "order-confirmation",
            content: { subject: rendered.subject, html: rendered.html, text: rendered.text },
            data: { order_id: order.id, display_id: order.display_id, subject: rendered.subject },
            trigger_type: "order.placed",
            resource_id: order.id,
            resource_type: "order",
            idempotency_key: orderConfirmationKey(order.id, plan.attempt),
          },
        ]
      })
      const sent = sendNotificationsStep(email)
      const mark = transform({ input, sent }, ({ input, sent }) => ({ order_id: input.id, provider_id: sent[0]?.provider_id }))
      markOrderConfirmationStep(mark)
      return sent
    })

    return new WorkflowResponse({ plan, notifications })
  }
)

/**
 * Runs the workflow for one order under a lock per order, as both the
 * order.placed subscriber and npm run send-confirmations do: two runs at once
 * (a redelivered event, a second worker, the command during a delivery)
 * cannot both send, because the key is unique; the lock makes the second wait
 * and find the first's row instead of failing on that key.
 */
export async function confirmOrder(container: MedusaContainer, orderId: string) {
  const locking = container.resolve(Modules.LOCKING)
  const { result } = await locking.execute(orderConfirmationKey(orderId), () =>
    sendOrderConfirmationWorkflow(container).run({ input: { id: orderId } })
  )
  return result
}
