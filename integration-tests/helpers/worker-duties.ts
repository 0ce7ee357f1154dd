/**
 * What the worker-duty specs share: orders made directly in the order module, the order.placed subscriber and
 * npm run send-confirmations called as the worker calls them, a logger that keeps its lines, and the
 * confirmation rows a run leaves.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { sendConfirmations } from "../../src/scripts/send-confirmations"
import orderPlacedConfirmation from "../../src/subscribers/order-placed-confirmation"
import { DANISH_ADDRESS } from "./customer"

/** An order as the cart-completion workflow leaves it, made directly in the order module. */
export async function placeOrder(container: MedusaContainer, email: string | null = "karen@example.dk") {
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

export function captureLogs(container: MedusaContainer) {
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

export const confirm = (container: MedusaContainer, orderId: string) =>
  orderPlacedConfirmation({
    event: { name: "order.placed", data: { id: orderId } },
    container,
    pluginOptions: {},
  } as any)

export async function confirmationRows(container: MedusaContainer, orderId: string) {
  const rows = await container
    .resolve(Modules.NOTIFICATION)
    .listNotifications({ resource_id: orderId }, { order: { created_at: "ASC" } })
  return rows.map((r) => [(r as { idempotency_key?: string }).idempotency_key, r.provider_id, r.status])
}

export async function runCommand(container: MedusaContainer, dryRun: boolean) {
  const lines: string[] = []
  const result = await sendConfirmations(container, { dryRun, print: (line) => lines.push(line) })
  return { result, lines }
}
