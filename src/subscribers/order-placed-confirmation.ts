import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { maskEmail } from "../lib/order-confirmation-email"
import { orderConfirmationKey, sendOrderConfirmationWorkflow } from "../workflows/send-order-confirmation"

/**
 * Sends the order confirmation when an order is placed. Runs where
 * subscribers run (the worker on Railway). Idempotent per order: the
 * workflow sends only while no confirmation has succeeded. Two deliveries of
 * the same event at once (a retry racing a slow first attempt, two worker
 * replicas) cannot both send, because the key is unique; the lock makes the
 * second wait and find the first's row instead of failing on that key.
 * A failed send throws, so the Redis event bus retries it (5 attempts,
 * backoff), and the retry sends under a new key.
 */
export default async function orderPlacedConfirmation({ event, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const locking = container.resolve(Modules.LOCKING)
  const orderId = event.data.id

  const { result } = await locking.execute(orderConfirmationKey(orderId), () =>
    sendOrderConfirmationWorkflow(container).run({ input: { id: orderId } })
  )
  const { projectConfig } = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  switch (result.plan.outcome) {
    case "already-sent":
      logger.info(`order confirmation: order ${orderId} was confirmed before; nothing sent again`)
      return
    case "no-email":
      logger.warn(`order confirmation: order ${orderId} has no email address; nothing to send`)
      return
  }
  const retry = result.plan.attempt > 1 ? ` (attempt ${result.plan.attempt}, after an unfinished one)` : ""
  for (const notification of result.notifications ?? []) {
    logger.info(
      `order confirmation: order ${orderId} sent to ${maskEmail(notification.to)} via ${notification.provider_id}${retry} ` +
        `(notification ${notification.id}, status ${notification.status}; ${projectConfig.workerMode} mode, pid ${process.pid})`
    )
  }
}

export const config: SubscriberConfig = {
  event: "order.placed",
}
