/**
 * The worker's order confirmation through a real email provider: the recording provider in ./fixtures
 * (SendGrid cannot be reached from a test) serves the email channel. Sent once per order, never again on a
 * redelivered event, tried again after an unfinished attempt, and after a switch from logging.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { join } from "node:path"
import { orderConfirmationKey } from "../../src/workflows/send-order-confirmation"
import { recordedEmails, refuseNextSends } from "./fixtures/recording-email/service"
import { captureLogs, confirm, confirmationRows, placeOrder, runCommand } from "../helpers/worker-duties"

jest.setTimeout(120 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  medusaConfigFile: join(__dirname, "fixtures", "real-email-provider"),
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
       * The rows a logging worker leaves for one order (order-confirmation-logged.spec.ts
       * shows them): its confirmation row (provider email-log, "success") and the
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
