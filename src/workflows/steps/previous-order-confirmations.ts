import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  configuredEmailProvider,
  confirmationRecord,
  ORDER_CONFIRMATION_ROWS,
  type PreviousOrderConfirmations,
} from "../../lib/confirmation-record"

/**
 * What earlier runs did for this order, and who would send now. The
 * notification module alone is not enough: it resends a key whose row is
 * "failure" under a fresh id it never stores (the update then fails, the
 * event is retried, the customer gets the email again each time), and skips
 * a key whose row stayed "pending" because the worker died mid-send (the
 * customer never gets one). So every attempt after the first gets its own
 * key, and only a "success" row at a real provider counts as sent: a row the
 * email-log provider left is a confirmation nobody received
 * (src/lib/confirmation-record.ts).
 */
export const previousOrderConfirmationsStep = createStep(
  "previous-order-confirmations",
  async ({ order_id }: { order_id: string }, { container }) => {
    const notifications = await container
      .resolve(Modules.NOTIFICATION)
      .listNotifications({ ...ORDER_CONFIRMATION_ROWS, resource_id: order_id })
    const result: PreviousOrderConfirmations = {
      ...confirmationRecord(notifications),
      provider: configuredEmailProvider(container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)),
    }
    return new StepResponse(result)
  }
)
