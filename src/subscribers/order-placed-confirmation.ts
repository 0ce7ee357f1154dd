import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { maskEmail } from "../lib/order-confirmation-email"
import { orderConfirmationKey, sendOrderConfirmationWorkflow } from "../workflows/send-order-confirmation"

/**
 * Sends the order confirmation when an order is placed. Runs where
 * subscribers run (the worker on Railway). Idempotent per order: the
 * notification module keeps the idempotency key, and the lock stops two
 * deliveries of the same event (a retry racing a slow first attempt, two
 * worker replicas) from both passing that check before either has written.
 * A failure throws, so the Redis event bus retries it (5 attempts, backoff).
 */
export default async function orderPlacedConfirmation({ event, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const locking = container.resolve(Modules.LOCKING)
  const orderId = event.data.id

  const { result } = await locking.execute(orderConfirmationKey(orderId), () =>
    sendOrderConfirmationWorkflow(container).run({ input: { id: orderId } })
  )
  const { projectConfig } = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  if (!result.length) {
    logger.info(`order confirmation: order ${orderId} was confirmed before; nothing sent again`)
    return
  }
  for (const notification of result) {
    logger.info(
      `order confirmation: order ${orderId} sent to ${maskEmail(notification.to)} via ${notification.provider_id} ` +
        `(notification ${notification.id}, status ${notification.status}; ${projectConfig.workerMode} mode, pid ${process.pid})`
    )
  }
}

export const config: SubscriberConfig = {
  event: "order.placed",
}
