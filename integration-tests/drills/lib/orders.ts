import Medusa from "@medusajs/js-sdk"
import { sql } from "../../e2e/lib/database"
import type { RunningShop } from "../../e2e/lib/shop"
import { confirmLikeStripeJs, stripeCheckout } from "../../e2e/lib/stripe"

/**
 * An order placed the way the storefront places one: a Stripe checkout through @medusajs/js-sdk, the card
 * confirmed at the fake Stripe as Stripe.js confirms it, then the cart completed. Resolves with the order id.
 */
export async function placeOrder(shop: RunningShop, email: string): Promise<string> {
  const sdk = new Medusa({ baseUrl: shop.serverUrl, publishableKey: shop.publishableKey })
  const { cartId, intent } = await stripeCheckout(sdk, email)
  await confirmLikeStripeJs(shop, intent, "card")
  const response = await fetch(`${shop.serverUrl}/store/carts/${cartId}/complete`, {
    method: "POST",
    headers: { "x-publishable-api-key": shop.publishableKey, "content-type": "application/json" },
  })
  const body = (await response.json()) as { type?: string; order?: { id: string }; message?: string }
  if (response.status !== 200 || body.type !== "order") {
    throw new Error(`completing cart ${cartId}: HTTP ${response.status} ${JSON.stringify(body)}`)
  }
  return body.order!.id
}

/**
 * An empty cart in the shop's first region, through the given server. Reading it is never cached, so every read
 * reaches the database: the drills' load.
 */
export async function createCart(baseUrl: string, publishableKey: string): Promise<string> {
  const headers = { "x-publishable-api-key": publishableKey, "content-type": "application/json" }
  const regions = (await (await fetch(`${baseUrl}/store/regions`, { headers })).json()) as { regions: { id: string }[] }
  const response = await fetch(`${baseUrl}/store/carts`, {
    method: "POST",
    headers,
    body: JSON.stringify({ region_id: regions.regions[0].id }),
  })
  if (response.status !== 200) throw new Error(`creating a cart: HTTP ${response.status} ${await response.text()}`)
  return ((await response.json()) as { cart: { id: string } }).cart.id
}

/** Each order's confirmation rows (Medusa's notification table) by status: { order_id: { success: 1 } }. */
export async function confirmationRows(
  shop: RunningShop,
  orderIds: string[]
): Promise<Record<string, Record<string, number>>> {
  const rows = await sql<{ resource_id: string; status: string; n: string }>(
    shop,
    `SELECT resource_id, status, count(*) AS n FROM notification
      WHERE resource_id = ANY($1) AND trigger_type = 'order.placed' AND channel = 'email'
      GROUP BY resource_id, status`,
    [orderIds]
  )
  const byOrder: Record<string, Record<string, number>> = Object.fromEntries(orderIds.map((id) => [id, {}]))
  for (const row of rows) byOrder[row.resource_id][row.status] = Number(row.n)
  return byOrder
}
