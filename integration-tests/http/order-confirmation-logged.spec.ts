/**
 * The worker's order confirmation while emails are only logged (no SendGrid: the tests' environment, and a
 * production worker with EMAIL_LOG_ONLY=true): what it logs, what it records, and what the command resends.
 */
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { orderConfirmationKey } from "../../src/workflows/send-order-confirmation"
import { captureLogs, confirm, confirmationRows, placeOrder, runCommand } from "../helpers/worker-duties"

jest.setTimeout(120 * 1000)

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
  },
})
