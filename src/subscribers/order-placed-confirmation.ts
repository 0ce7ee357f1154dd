import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { isRealEmailProvider } from "../lib/confirmation-record"
import { maskEmail } from "../lib/mask-email"
import { sendOrderConfirmationWorkflow } from "../workflows/send-order-confirmation"

/**
 * Sends the order confirmation when an order is placed. Runs where
 * subscribers run (the worker on Railway). Idempotent per order: the
 * workflow sends only while no confirmation has reached a real provider, and
 * logs one at most once while there is none (EMAIL_LOG_ONLY). Two deliveries
 * of the same event at once cannot both send (the workflow: unique key, lock
 * per order). A failed send throws, so the Redis event bus retries it
 * (5 attempts, backoff), and the retry sends under a new key.
 */
export default async function orderPlacedConfirmation({ event, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const orderId = event.data.id

  const { result } = await sendOrderConfirmationWorkflow(container).run({ input: { id: orderId } })
  const { projectConfig } = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const { plan } = result
  switch (plan.outcome) {
    case "already-sent":
      logger.info(`order confirmation: order ${orderId} was confirmed before; nothing sent again`)
      return
    case "already-logged":
      logger.info(
        `order confirmation: order ${orderId} was logged before and there is still no email provider; nothing logged again`
      )
      return
    case "no-email":
      logger.warn(`order confirmation: order ${orderId} has no email address; nothing to send`)
      return
  }
  const retry =
    plan.attempt > 1
      ? ` (attempt ${plan.attempt}, after ${plan.after === "logged-only" ? "it was only logged" : "an unfinished one"})`
      : ""
  const where = `${projectConfig.workerMode} mode, pid ${process.pid}`
  for (const notification of result.notifications ?? []) {
    if (isRealEmailProvider(notification.provider_id)) {
      logger.info(
        `order confirmation: order ${orderId} sent to ${maskEmail(notification.to)} via ${notification.provider_id}${retry} ` +
          `(notification ${notification.id}, status ${notification.status}; ${where})`
      )
    } else {
      logger.warn(
        `order confirmation: order ${orderId} for ${maskEmail(notification.to)} only logged via ${notification.provider_id}, recorded as not sent ` +
          `(no email provider; npm run send-confirmations sends it once SENDGRID_API_KEY is set; notification ${notification.id}; ${where})`
      )
    }
  }
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "order-placed-confirmation" },
}
