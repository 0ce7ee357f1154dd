import { Client } from "pg"
import type { RunningShop } from "./shop"

/** One query against the shop's database. */
export async function sql<T>(shop: RunningShop, text: string, values: unknown[]): Promise<T[]> {
  const client = new Client({ ...shop.database, database: shop.database.name })
  await client.connect()
  try {
    return (await client.query(text, values)).rows as T[]
  } finally {
    await client.end()
  }
}

/** The ids of the orders placed from a cart (Medusa's order_cart link). */
export async function ordersOfCart(shop: RunningShop, cartId: string): Promise<string[]> {
  const rows = await sql<{ order_id: string }>(
    shop,
    "SELECT order_id FROM order_cart WHERE cart_id = $1 AND deleted_at IS NULL",
    [cartId]
  )
  return rows.map((row) => row.order_id)
}
