/**
 * Two servers, one cart: a storefront (or a double click, or a retry through
 * another replica) completes the same paid cart on two server processes at
 * the same moment. Exactly one order is placed; every other caller gets an
 * answer that is not a 5xx: the same order again, or a 4xx saying why.
 * Stripe's webhook for the authorised payment may complete the cart too;
 * that is a third caller in the same race.
 */
import Medusa from "@medusajs/js-sdk"
import { ordersOfCart } from "../e2e/lib/database"
import { startServerReplica, type Replica } from "../e2e/lib/replica"
import { runningShop } from "../e2e/lib/shop"
import { confirmLikeStripeJs, stripeCheckout } from "../e2e/lib/stripe"

jest.setTimeout(4 * 60 * 1000)

const shop = runningShop()
let replica: Replica

beforeAll(async () => {
  replica = await startServerReplica(shop, 19206)
})

afterAll(async () => {
  await replica?.stop()
})

async function complete(server: string, cartId: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server}/store/carts/${cartId}/complete`, {
    method: "POST",
    headers: { "x-publishable-api-key": shop.publishableKey, "content-type": "application/json" },
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined }
}

it("places exactly one order when two servers complete the same cart at once", async () => {
  const sdk = new Medusa({ baseUrl: shop.serverUrl, publishableKey: shop.publishableKey })
  const { cartId, intent } = await stripeCheckout(sdk, `race-${Date.now()}@example.dk`)
  expect((await confirmLikeStripeJs(shop, intent, "card")).status).toBe("requires_capture")

  const servers = [shop.serverUrl, replica.url, shop.serverUrl, replica.url]
  const answers = await Promise.all(servers.map((server) => complete(server, cartId)))
  const summary = answers.map((a) => `${a.status} ${a.body?.type ?? ""} ${a.body?.order?.id ?? a.body?.message ?? ""}`)
  console.log(`one cart, four completions on two servers:\n  ${summary.join("\n  ")}`)

  expect(answers.filter((a) => a.status >= 500)).toEqual([])
  const orders = await ordersOfCart(shop, cartId)
  expect(orders).toHaveLength(1)
  for (const answer of answers) {
    if (answer.status === 200) {
      expect(answer.body).toMatchObject({ type: "order", order: { id: orders[0] } })
    } else {
      expect(answer.status).toBeGreaterThanOrEqual(400)
      expect(answer.status).toBeLessThan(500)
      expect(typeof answer.body?.message).toBe("string")
    }
  }
})
