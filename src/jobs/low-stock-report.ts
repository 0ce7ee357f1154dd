import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { lowStockReportWorkflow } from "../workflows/low-stock-report"

/** Variants with this many units or fewer available are reported. */
export const LOW_STOCK_THRESHOLD = 10

/**
 * Every morning, before the shop's staff start: which variants are about to
 * sell out, posted to the admin's notification feed (see the workflow).
 * The schedule lives only in `config` below; Railway runs in UTC, so 05:00
 * UTC is 06:00/07:00 in Copenhagen.
 */
export default async function lowStockReport(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const date = new Date().toISOString().slice(0, 10)
  const { result } = await lowStockReportWorkflow(container).run({
    input: { threshold: LOW_STOCK_THRESHOLD, date },
  })
  const count = result.report.lines.length
  if (!count) {
    logger.info(`low-stock report ${date}: nothing at or below ${LOW_STOCK_THRESHOLD} available`)
    return
  }
  const posted = result.notifications?.length ? "posted to the admin feed" : "already posted today"
  logger.info(`low-stock report ${date}: ${count} variant(s) at or below ${LOW_STOCK_THRESHOLD} available; ${posted}`)
}

export const config = {
  name: "low-stock-report",
  schedule: "0 5 * * *",
}
