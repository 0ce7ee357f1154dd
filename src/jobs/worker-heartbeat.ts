import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * One line a minute from wherever scheduled jobs run (worker or shared mode):
 * an operator reading the worker's log sees at a glance that its scheduler is
 * alive, and that the server (which must not run jobs) has no such lines.
 */
export default async function workerHeartbeat(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const { projectConfig } = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  logger.info(`worker heartbeat: scheduled jobs are running (${projectConfig.workerMode} mode, pid ${process.pid})`)
}

export const config = {
  name: "worker-heartbeat",
  schedule: "* * * * *",
}
