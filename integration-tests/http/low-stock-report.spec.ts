/**
 * The worker's daily low-stock report (a scheduled job): one admin feed entry a day listing the variants at or
 * below the threshold.
 */
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import lowStockReport, { LOW_STOCK_THRESHOLD } from "../../src/jobs/low-stock-report"
import { lowStockReportKey, lowStockReportWorkflow } from "../../src/workflows/low-stock-report"
import { captureLogs } from "../helpers/worker-duties"

jest.setTimeout(120 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ getContainer }) => {
    describe("low-stock report (scheduled job)", () => {
      it("posts one admin feed entry a day listing the variants at or below the threshold", async () => {
        const container = getContainer()
        const inventory = container.resolve(Modules.INVENTORY)
        const [low, fine] = await inventory.createInventoryItems([{ sku: "LIP-ROSE" }, { sku: "SERUM-30" }])
        await inventory.createInventoryLevels([
          { inventory_item_id: low.id, location_id: "sloc_test", stocked_quantity: LOW_STOCK_THRESHOLD - 7 },
          { inventory_item_id: fine.id, location_id: "sloc_test", stocked_quantity: 100 },
        ])

        const input = { threshold: LOW_STOCK_THRESHOLD, date: "2026-11-23" }
        const first = await lowStockReportWorkflow(container).run({ input })
        expect(first.result.report.lines.map((l) => [l.sku, l.available])).toEqual([["LIP-ROSE", 3]])
        const again = await lowStockReportWorkflow(container).run({ input })
        expect(again.result.notifications).toEqual([])

        const feed = await container
          .resolve(Modules.NOTIFICATION)
          .listNotifications({ trigger_type: "low-stock-report" })
        expect(feed).toHaveLength(1)
        expect(feed[0]).toMatchObject({
          idempotency_key: lowStockReportKey("2026-11-23"),
          channel: "feed",
          template: "admin-ui",
          status: "success",
          data: {
            title: `Low stock 2026-11-23: 1 variant at or below ${LOW_STOCK_THRESHOLD}`,
            description: "LIP-ROSE: 3 left",
          },
        })
      })

      it("runs as the scheduled job does and says so in the log", async () => {
        const container = getContainer()
        const inventory = container.resolve(Modules.INVENTORY)
        const [item] = await inventory.createInventoryItems([{ sku: "OIL-50" }])
        await inventory.createInventoryLevels([
          { inventory_item_id: item.id, location_id: "sloc_test", stocked_quantity: 1 },
        ])
        const { scoped, lines } = captureLogs(container)

        await lowStockReport(scoped)

        const today = new Date().toISOString().slice(0, 10)
        expect(lines).toEqual([
          `low-stock report ${today}: 1 variant(s) at or below ${LOW_STOCK_THRESHOLD} available; posted to the admin feed`,
        ])
      })
    })
  },
})
