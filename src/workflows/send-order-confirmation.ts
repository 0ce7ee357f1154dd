import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sendNotificationsStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { renderOrderConfirmation, type ConfirmationOrder } from "../lib/order-confirmation-email"

export interface SendOrderConfirmationInput {
  id: string
}

/** One confirmation per order, ever: the notification module skips a key it has sent. */
export const orderConfirmationKey = (orderId: string) => `order-confirmation:${orderId}`

export const ORDER_CONFIRMATION_FIELDS = [
  "id",
  "display_id",
  "email",
  "currency_code",
  "total",
  "subtotal",
  "shipping_total",
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
 * The notification row it leaves (status, provider, idempotency key) is the
 * record that the confirmation went out; a redelivered order.placed finds the
 * key and sends nothing. Returns the notifications created by this run: an
 * empty list means it had been sent before.
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

    const notifications = transform({ orders }, ({ orders }) => {
      const order = orders[0] as unknown as ConfirmationOrder
      const email = renderOrderConfirmation(order)
      return [
        {
          to: order.email ?? "",
          channel: "email",
          template: "order-confirmation",
          content: { subject: email.subject, html: email.html, text: email.text },
          data: { order_id: order.id, display_id: order.display_id, subject: email.subject },
          trigger_type: "order.placed",
          resource_id: order.id,
          resource_type: "order",
          idempotency_key: orderConfirmationKey(order.id),
        },
      ]
    })

    const sent = sendNotificationsStep(notifications)
    return new WorkflowResponse(sent)
  }
)
