import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sendNotificationsStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { lowStockLines, lowStockMessage } from "../lib/low-stock"

/** The id of the workflow that posts the daily low-stock report to the admin feed. */
export const lowStockReportWorkflowId = "low-stock-report"

export interface LowStockReportInput {
  /** Report levels with at most this many units available. */
  threshold: number
  /** The report's day (YYYY-MM-DD), given by the caller: one report per day. */
  date: string
}

export const lowStockReportKey = (date: string) => `low-stock-report:${date}`

/**
 * Finds the inventory levels running low and, when there are any, posts one
 * entry to the admin dashboard's notification feed (the bell), so the staff
 * see it where they work. The idempotency key makes it one entry per day,
 * however often the job fires (a retry, a second worker replica).
 */
export const lowStockReportWorkflow = createWorkflow(lowStockReportWorkflowId, (input: LowStockReportInput) => {
  const { data: levels } = useQueryGraphStep({
    entity: "inventory_level",
    fields: ["stocked_quantity", "reserved_quantity", "location_id", "inventory_item.sku", "inventory_item.title"],
  })

  const report = transform({ levels, input }, ({ levels, input }) => {
    const lines = lowStockLines(levels, input.threshold)
    return { date: input.date, threshold: input.threshold, lines }
  })

  const notifications = when("low-stock-found", report, (report) => report.lines.length > 0).then(() => {
    const feed = transform({ report }, ({ report }) => [
      {
        to: "",
        channel: "feed",
        template: "admin-ui",
        data: lowStockMessage(report.lines, report.threshold, report.date),
        trigger_type: "low-stock-report",
        idempotency_key: lowStockReportKey(report.date),
      },
    ])
    return sendNotificationsStep(feed)
  })

  return new WorkflowResponse({ report, notifications })
})
