import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import orderPlacedConfirmation from "../../src/subscribers/order-placed-confirmation"
import { orderConfirmationKey } from "../../src/workflows/send-order-confirmation"
import lowStockReport, { LOW_STOCK_THRESHOLD } from "../../src/jobs/low-stock-report"
import { lowStockReportKey, lowStockReportWorkflow } from "../../src/workflows/low-stock-report"

jest.setTimeout(120 * 1000)

/** An order as the cart-completion workflow leaves it, made directly in the order module. */
async function placeOrder(container: MedusaContainer, email: string | null = "karen@example.dk") {
  return container.resolve(Modules.ORDER).createOrders({
    currency_code: "dkk",
    email: email ?? undefined,
    items: [{ title: "Hyaluron Serum", product_title: "Hyaluron Serum", variant_title: "30 ml", quantity: 2, unit_price: 249 }],
    shipping_address: { first_name: "Karen", last_name: "Jensen", address_1: "Vesterbrogade 1", postal_code: "1620", city: "København V", country_code: "dk" },
    shipping_methods: [{ name: "Standard", amount: 49 }],
  })
}

function captureLogs(container: MedusaContainer) {
  const lines: string[] = []
  const logger = { info: (line: string) => lines.push(line), warn: (line: string) => lines.push(line), error: (line: string) => lines.push(line) }
  const scoped = {
    ...container,
    resolve: (key: string, options?: unknown) => (key === "logger" ? logger : (container.resolve as any)(key, options)),
  } as unknown as MedusaContainer
  return { scoped, lines }
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ getContainer }) => {
    describe("order confirmation (order.placed)", () => {
      it("sends one confirmation per order, records it, and sends nothing when the event is delivered again", async () => {
        const container = getContainer()
        const order = await placeOrder(container)
        const { scoped, lines } = captureLogs(container)
        const event = { name: "order.placed", data: { id: order.id } }

        await orderPlacedConfirmation({ event, container: scoped, pluginOptions: {} } as any)
        await orderPlacedConfirmation({ event, container: scoped, pluginOptions: {} } as any)

        const notifications = await container.resolve(Modules.NOTIFICATION).listNotifications({ resource_id: order.id })
        expect(notifications).toHaveLength(1)
        expect(notifications[0]).toMatchObject({
          idempotency_key: orderConfirmationKey(order.id),
          to: "karen@example.dk",
          channel: "email",
          status: "success",
          provider_id: "email-log",
          resource_type: "order",
          resource_id: order.id,
        })
        expect(lines[0]).toMatch(new RegExp(`^order confirmation: order ${order.id} sent to k\\*\\*\\*@example.dk via email-log`))
        expect(lines[1]).toBe(`order confirmation: order ${order.id} was confirmed before; nothing sent again`)
        expect(lines.join("\n")).not.toContain("karen@example.dk")
      })

      it("handles the same event delivered twice at the same moment: both succeed, one confirmation (without the lock the second fails on the key)", async () => {
        const container = getContainer()
        const order = await placeOrder(container)
        const event = { name: "order.placed", data: { id: order.id } }
        await Promise.all([
          orderPlacedConfirmation({ event, container, pluginOptions: {} } as any),
          orderPlacedConfirmation({ event, container, pluginOptions: {} } as any),
        ])
        const notifications = await container.resolve(Modules.NOTIFICATION).listNotifications({ resource_id: order.id })
        expect(notifications.map((n) => (n as { idempotency_key?: string }).idempotency_key)).toEqual([orderConfirmationKey(order.id)])
      })
    })

    describe("order confirmation after an unfinished attempt", () => {
      /**
       * Turns the order's confirmation row into what a failed send (provider
       * error) or a worker killed mid-send leaves behind. The module's
       * generated update method is not in its public type, hence the cast.
       */
      async function markFirstAttempt(container: MedusaContainer, orderId: string, status: "failure" | "pending") {
        const notifications = container.resolve(Modules.NOTIFICATION)
        const [row] = await notifications.listNotifications({ resource_id: orderId })
        await (notifications as unknown as { updateNotifications(data: object): Promise<unknown> }).updateNotifications({ id: row.id, status })
      }

      for (const status of ["failure", "pending"] as const) {
        it(`sends again under a new key when the first attempt was left "${status}", then never again`, async () => {
          const container = getContainer()
          const order = await placeOrder(container)
          const event = { name: "order.placed", data: { id: order.id } }
          await orderPlacedConfirmation({ event, container, pluginOptions: {} } as any)
          await markFirstAttempt(container, order.id, status)
          const { scoped, lines } = captureLogs(container)

          await orderPlacedConfirmation({ event, container: scoped, pluginOptions: {} } as any)
          await orderPlacedConfirmation({ event, container: scoped, pluginOptions: {} } as any)

          const rows = await container.resolve(Modules.NOTIFICATION).listNotifications({ resource_id: order.id }, { order: { created_at: "ASC" } })
          expect(rows.map((r) => [(r as { idempotency_key?: string }).idempotency_key, r.status])).toEqual([
            [orderConfirmationKey(order.id), status],
            [orderConfirmationKey(order.id, 2), "success"],
          ])
          expect(lines[0]).toMatch(/sent to k\*\*\*@example.dk via email-log \(attempt 2, after an unfinished one\)/)
          expect(lines[1]).toBe(`order confirmation: order ${order.id} was confirmed before; nothing sent again`)
        })
      }

      it("sends nothing for an order without an email address, and says so", async () => {
        const container = getContainer()
        const order = await placeOrder(container, null)
        const { scoped, lines } = captureLogs(container)
        await orderPlacedConfirmation({ event: { name: "order.placed", data: { id: order.id } }, container: scoped, pluginOptions: {} } as any)
        expect(await container.resolve(Modules.NOTIFICATION).listNotifications({ resource_id: order.id })).toEqual([])
        expect(lines).toEqual([`order confirmation: order ${order.id} has no email address; nothing to send`])
      })
    })

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

        const feed = await container.resolve(Modules.NOTIFICATION).listNotifications({ trigger_type: "low-stock-report" })
        expect(feed).toHaveLength(1)
        expect(feed[0]).toMatchObject({
          idempotency_key: lowStockReportKey("2026-11-23"),
          channel: "feed",
          template: "admin-ui",
          status: "success",
          data: { title: `Low stock 2026-11-23: 1 variant at or below ${LOW_STOCK_THRESHOLD}`, description: "LIP-ROSE: 3 left" },
        })
      })

      it("runs as the scheduled job does and says so in the log", async () => {
        const container = getContainer()
        const inventory = container.resolve(Modules.INVENTORY)
        const [item] = await inventory.createInventoryItems([{ sku: "OIL-50" }])
        await inventory.createInventoryLevels([{ inventory_item_id: item.id, location_id: "sloc_test", stocked_quantity: 1 }])
        const { scoped, lines } = captureLogs(container)

        await lowStockReport(scoped)

        const today = new Date().toISOString().slice(0, 10)
        expect(lines).toEqual([`low-stock report ${today}: 1 variant(s) at or below ${LOW_STOCK_THRESHOLD} available; posted to the admin feed`])
      })
    })
  },
})
