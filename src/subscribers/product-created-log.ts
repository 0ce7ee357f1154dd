import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * Records each new product in the worker's log, with the mode and process
 * that handled it: the operator's evidence that catalogue events flow from
 * the server (where the admin creates products) through Redis to the worker.
 */
export default async function productCreatedLog({ event, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const { projectConfig } = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  logger.info(
    `catalogue: product ${event.data.id} created; handled in ${projectConfig.workerMode} mode (pid ${process.pid})`
  )
}

export const config: SubscriberConfig = {
  event: "product.created",
  context: { subscriberId: "product-created-log" },
}
