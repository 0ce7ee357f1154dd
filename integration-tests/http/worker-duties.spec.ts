import { join } from "node:path"
import type { MedusaContainer } from "@medusajs/framework/types"
import { asValue } from "@medusajs/framework/awilix"
import { ContainerRegistrationKeys, Modules, ModulesSdkUtils } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { sendConfirmations } from "../../src/scripts/send-confirmations"
import orderPlacedConfirmation from "../../src/subscribers/order-placed-confirmation"
import { recordedEmails, refuseNextSends } from "./fixtures/recording-email/service"
import { orderConfirmationKey } from "../../src/workflows/send-order-confirmation"
import lowStockReport, { LOW_STOCK_THRESHOLD } from "../../src/jobs/low-stock-report"
import { lowStockReportKey, lowStockReportWorkflow } from "../../src/workflows/low-stock-report"
import { DANISH_ADDRESS } from "../helpers/customer"

jest.setTimeout(120 * 1000)

/** An order as the cart-completion workflow leaves it, made directly in the order module. */
async function placeOrder(container: MedusaContainer, email: string | null = "karen@example.dk") {
  return container.resolve(Modules.ORDER).createOrders({
    currency_code: "dkk",
    email: email ?? undefined,
    items: [
      {
        title: "Hyaluron Serum",
        product_title: "Hyaluron Serum",
        variant_title: "30 ml",
        quantity: 2,
        unit_price: 249,
      },
    ],
    shipping_address: DANISH_ADDRESS,
    shipping_methods: [{ name: "Standard", amount: 49 }],
  })
}

function captureLogs(container: MedusaContainer) {
  const lines: string[] = []
  const logger = {
    info: (line: string) => lines.push(line),
    warn: (line: string) => lines.push(line),
    error: (line: string) => lines.push(line),
  }
  const scoped = {
    ...container,
    resolve: (key: string, options?: unknown) => (key === "logger" ? logger : (container.resolve as any)(key, options)),
  } as unknown as MedusaContainer
  return { scoped, lines }
}

const confirm = (container: MedusaContainer, orderId: string) =>
  orderPlacedConfirmation({
    event: { name: "order.placed", data: { id: orderId } },
    container,
    pluginOptions: {},
  } as any)

async function confirmationRows(container: MedusaContainer, orderId: string) {
  const rows = await container
    .resolve(Modules.NOTIFICATION)
    .listNotifications({ resource_id: orderId }, { order: { created_at: "ASC" } })
  return rows.map((r) => [(r as { idempotency_key?: string }).idempotency_key, r.provider_id, r.status])
}

async function runCommand(container: MedusaContainer, dryRun: boolean) {
  const lines: string[] = []
  const result = await sendConfirmations(container, { dryRun, print: (line) => lines.push(line) })
  return { result, lines }
}

// The app as the tests' environment configures it: no SendGrid, so emails go
// to the email-log provider (a production worker would need EMAIL_LOG_ONLY=true).
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ getContainer }) => {
    describe("order confirmation while emails are only logged", () => {
      it("logs the confirmation once, records it as not sent, and the command lists it but cannot send it", async () => {
        const container = getContainer()
        const order = await placeOrder(container)
        const { scoped, lines } = captureLogs(container)

        await confirm(scoped, order.id)
        await confirm(scoped, order.id)

        expect(await confirmationRows(container, order.id)).toEqual([
          [orderConfirmationKey(order.id), "email-log", "success"],
        ])
        expect(lines[0]).toMatch(
          new RegExp(
            `^order confirmation: order ${order.id} for k\\*\\*\\*@example.dk only logged via email-log, recorded as not sent \\(no email provider; npm run send-confirmations sends it`
          )
        )
        expect(lines[1]).toBe(
          `order confirmation: order ${order.id} was logged before and there is still no email provider; nothing logged again`
        )
        expect(lines.join("\n")).not.toContain("karen@example.dk")

        const dryRun = await runCommand(container, true)
        expect(dryRun.result.unsent).toEqual([order.id])
        expect(dryRun.lines).toEqual([
          `order #${order.display_id} (${order.id}), k***@example.dk: only logged (no email provider then)`,
          "send-confirmations: 1 order(s) whose confirmation was not sent; dry run, nothing sent",
        ])
        const run = await runCommand(container, false)
        expect(run.result.sent).toEqual([])
        expect(run.lines[1]).toBe(
          "send-confirmations: 1 order(s) whose confirmation was not sent; nothing sent: no email provider is configured (email-log); set SENDGRID_API_KEY and SENDGRID_FROM where this runs (the worker service) and run it again"
        )
        expect(await confirmationRows(container, order.id)).toHaveLength(1)
      })

      it("sends nothing for an order without an email address, and says so", async () => {
        const container = getContainer()
        const order = await placeOrder(container, null)
        const { scoped, lines } = captureLogs(container)
        await confirm(scoped, order.id)
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

/**
 * The same shop with a real email provider: the recording provider in
 * ./fixtures (SendGrid cannot be reached from a test) serves the email channel.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  medusaConfigFile: join(__dirname, "fixtures", "real-email-provider"),
  hooks: {
    // The framework's container outlives the app above within this file and
    // still holds that app's closed database connection: give this app its own.
    beforeServerStart: async (container) => {
      const { configManager } = await import("@medusajs/framework/config")
      const clientUrl = configManager.config.projectConfig.databaseUrl
      container.register(
        ContainerRegistrationKeys.PG_CONNECTION,
        asValue(ModulesSdkUtils.createPgConnection({ clientUrl, schema: "public" }))
      )
    },
  },
  testSuite: ({ getContainer }) => {
    beforeEach(() => {
      recordedEmails().length = 0
      refuseNextSends(0)
    })

    describe("order confirmation through a real email provider", () => {
      it("sends one confirmation per order, records it, and sends nothing when the event is delivered again", async () => {
        const container = getContainer()
        const order = await placeOrder(container)
        const { scoped, lines } = captureLogs(container)

        await confirm(scoped, order.id)
        await confirm(scoped, order.id)

        const notifications = await container.resolve(Modules.NOTIFICATION).listNotifications({ resource_id: order.id })
        expect(notifications).toHaveLength(1)
        expect(notifications[0]).toMatchObject({
          idempotency_key: orderConfirmationKey(order.id),
          to: "karen@example.dk",
          channel: "email",
          status: "success",
          provider_id: "recording-email",
          resource_type: "order",
          resource_id: order.id,
        })
        expect(recordedEmails()).toEqual([
          { to: "karen@example.dk", subject: expect.stringMatching(/^Tak for din ordre/), order_id: order.id },
        ])
        expect(lines[0]).toMatch(
          new RegExp(`^order confirmation: order ${order.id} sent to k\\*\\*\\*@example.dk via recording-email`)
        )
        expect(lines[1]).toBe(`order confirmation: order ${order.id} was confirmed before; nothing sent again`)
        expect(lines.join("\n")).not.toContain("karen@example.dk")
      })

      it("handles the same event delivered twice at the same moment: both succeed, one confirmation (without the lock the second fails on the key)", async () => {
        const container = getContainer()
        const order = await placeOrder(container)
        await Promise.all([confirm(container, order.id), confirm(container, order.id)])
        expect((await confirmationRows(container, order.id)).map((r) => r[0])).toEqual([orderConfirmationKey(order.id)])
        expect(recordedEmails()).toHaveLength(1)
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
        await (notifications as unknown as { updateNotifications(data: object): Promise<unknown> }).updateNotifications(
          { id: row.id, status }
        )
      }

      for (const status of ["failure", "pending"] as const) {
        it(`sends again under a new key when the first attempt was left "${status}", then never again`, async () => {
          const container = getContainer()
          const order = await placeOrder(container)
          await confirm(container, order.id)
          await markFirstAttempt(container, order.id, status)
          const { scoped, lines } = captureLogs(container)

          await confirm(scoped, order.id)
          await confirm(scoped, order.id)

          expect(await confirmationRows(container, order.id)).toEqual([
            [orderConfirmationKey(order.id), "recording-email", status],
            [orderConfirmationKey(order.id, 2), "recording-email", "success"],
          ])
          expect(lines[0]).toMatch(
            /sent to k\*\*\*@example.dk via recording-email \(attempt 2, after an unfinished one\)/
          )
          expect(lines[1]).toBe(`order confirmation: order ${order.id} was confirmed before; nothing sent again`)
        })
      }
    })

    describe("after switching from logging to a real provider", () => {
      /**
       * The rows a logging worker leaves for one order (the runner above shows
       * them): its confirmation row (provider email-log, "success") and the
       * email-log provider, which Medusa disables once it leaves the configuration.
       */
      async function orderConfirmedWhileLogging(container: MedusaContainer) {
        const order = await placeOrder(container)
        const db = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
        await db("notification_provider").insert({
          id: "email-log",
          handle: "email-log",
          name: "email-log",
          is_enabled: false,
          channels: ["email"],
        })
        await db("notification").insert({
          id: `noti_logged_${order.id}`,
          to: "karen@example.dk",
          channel: "email",
          template: "order-confirmation",
          data: { order_id: order.id },
          trigger_type: "order.placed",
          resource_id: order.id,
          resource_type: "order",
          idempotency_key: orderConfirmationKey(order.id),
          provider_id: "email-log",
          status: "success",
        })
        return order
      }

      it("npm run send-confirmations lists the logged-only order, sends it exactly once, and a second run sends nothing", async () => {
        const container = getContainer()
        const order = await orderConfirmedWhileLogging(container)

        const dryRun = await runCommand(container, true)
        expect(dryRun.lines[0]).toBe(
          `order #${order.display_id} (${order.id}), k***@example.dk: only logged (no email provider then)`
        )
        expect(recordedEmails()).toEqual([])

        const first = await runCommand(container, false)
        expect(first.lines).toEqual([
          `order #${order.display_id} (${order.id}), k***@example.dk: only logged (no email provider then); sent via recording-email`,
          "send-confirmations: 1 order(s) whose confirmation was not sent; sent 1 via recording-email, failed 0, skipped 0",
        ])
        expect(recordedEmails()).toEqual([
          { to: "karen@example.dk", subject: expect.stringMatching(/^Tak for din ordre/), order_id: order.id },
        ])
        expect(await confirmationRows(container, order.id)).toEqual([
          [orderConfirmationKey(order.id), "email-log", "success"],
          [orderConfirmationKey(order.id, 2), "recording-email", "success"],
        ])

        const second = await runCommand(container, false)
        expect(second.result.unsent).toEqual([])
        expect(second.lines).toEqual([
          "send-confirmations: 0 order(s) whose confirmation was not sent; sent 0 via recording-email, failed 0, skipped 0",
        ])
        const { scoped, lines } = captureLogs(container)
        await confirm(scoped, order.id)
        expect(lines).toEqual([`order confirmation: order ${order.id} was confirmed before; nothing sent again`])
        expect(recordedEmails()).toHaveLength(1)
      })

      it("reports a send the provider refuses, keeps the order on the list, and the next run sends it once", async () => {
        const container = getContainer()
        const order = await orderConfirmedWhileLogging(container)
        refuseNextSends(1)

        const refused = await runCommand(container, false)
        expect(refused.result.failed).toEqual([order.id])
        expect(refused.lines[0]).toMatch(
          new RegExp(
            `^order #${order.display_id} \\(${order.id}\\), k\\*\\*\\*@example.dk: only logged \\(no email provider then\\); failed: .*recording-email refuses this send \\(test\\)`
          )
        )
        expect(refused.lines[1]).toBe(
          "send-confirmations: 1 order(s) whose confirmation was not sent; sent 0 via recording-email, failed 1, skipped 0"
        )
        expect(recordedEmails()).toEqual([])

        const retried = await runCommand(container, false)
        expect(retried.lines[0]).toBe(
          `order #${order.display_id} (${order.id}), k***@example.dk: only logged (no email provider then), 1 unfinished attempt since; sent via recording-email`
        )
        const again = await runCommand(container, false)
        expect(again.result.unsent).toEqual([])
        expect(recordedEmails()).toHaveLength(1)
        expect(await confirmationRows(container, order.id)).toEqual([
          [orderConfirmationKey(order.id), "email-log", "success"],
          [orderConfirmationKey(order.id, 2), "recording-email", "failure"],
          [orderConfirmationKey(order.id, 3), "recording-email", "success"],
        ])
      })

      it("a redelivered order.placed sends a logged-only confirmation once the provider is set", async () => {
        const container = getContainer()
        const order = await orderConfirmedWhileLogging(container)
        const { scoped, lines } = captureLogs(container)

        await confirm(scoped, order.id)
        await confirm(scoped, order.id)

        expect(recordedEmails()).toHaveLength(1)
        expect(lines[0]).toMatch(
          /sent to k\*\*\*@example.dk via recording-email \(attempt 2, after it was only logged\)/
        )
        expect(lines[1]).toBe(`order confirmation: order ${order.id} was confirmed before; nothing sent again`)
      })
    })
  },
})
