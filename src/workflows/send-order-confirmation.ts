import { randomUUID } from "node:crypto"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep, sendNotificationsStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { planOrderConfirmation } from "../lib/confirmation-record"
import { renderOrderConfirmation, type ConfirmationOrder } from "../lib/order-confirmation-email"
import { previousOrderConfirmationsStep } from "./steps/previous-order-confirmations"

/** The id of the workflow that sends an order's confirmation email. */
export const sendOrderConfirmationWorkflowId = "send-order-confirmation"

/** How long a second run for the same order waits for the lock, in seconds. */
const LOCK_TIMEOUT_SECONDS = 30
/** How long the lock outlives a run that died holding it, in seconds. */
const LOCK_TTL_SECONDS = 120

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
  "locale",
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
 * The queried order as the email renders it. Query's generated types give
 * `display_id` as a string; the column is a number (autoincrement).
 */
function confirmationOrder(
  order: Omit<ConfirmationOrder, "display_id"> & { display_id?: number | string | null }
): ConfirmationOrder {
  return { ...order, display_id: order.display_id == null ? order.display_id : Number(order.display_id) }
}

/**
 * Renders the order confirmation and hands it to the notification module on
 * the email channel (SendGrid or the log, see src/config/notification.ts).
 * The notification rows it leaves (status, provider, key) are the record of
 * what was sent: once one reached "success" at a real provider, a redelivered
 * order.placed sends nothing; one that was only logged counts as not sent
 * (planOrderConfirmation). An order without an email address gets nothing,
 * by design.
 *
 * Both the order.placed subscriber and npm run send-confirmations run it. It
 * holds a lock per order from its first step to its last: two runs at once (a
 * redelivered event, a second worker, the command during a delivery) cannot
 * both send, because the key is unique; the lock makes the second wait and
 * find the first's row instead of failing on that key. A failing step
 * releases the lock (the acquire step's compensation).
 */
export const sendOrderConfirmationWorkflow = createWorkflow(
  sendOrderConfirmationWorkflowId,
  (input: SendOrderConfirmationInput) => {
    // One owner per run, so a run can only release the lock it took. The
    // steps get the whole object: a property of a transform's result passed
    // inside a step's input object resolves to undefined.
    const lock = transform({ input }, ({ input }) => ({
      key: orderConfirmationKey(input.id),
      ownerId: `${sendOrderConfirmationWorkflowId}:${randomUUID()}`,
      timeout: LOCK_TIMEOUT_SECONDS,
      ttl: LOCK_TTL_SECONDS,
    }))
    acquireLockStep(lock)

    const { data: orders } = useQueryGraphStep({
      entity: "order",
      fields: ORDER_CONFIRMATION_FIELDS,
      filters: { id: input.id },
      options: { throwIfKeyNotFound: true },
    })
    const previous = previousOrderConfirmationsStep({ order_id: input.id })

    const plan = transform({ orders, previous }, ({ orders, previous }) => planOrderConfirmation(orders[0], previous))

    const notifications = when("order-confirmation-due", plan, (plan) => plan.outcome === "send").then(() => {
      const email = transform({ orders, plan }, ({ orders, plan }) => {
        const order = confirmationOrder(orders[0])
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
      return sendNotificationsStep(email)
    })

    releaseLockStep(lock)

    return new WorkflowResponse({ plan, notifications })
  }
)
