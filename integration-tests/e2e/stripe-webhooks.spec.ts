/**
 * Stripe's webhooks at the built server, as Stripe sends them in production:
 * at least once, so the same event may come again, and to a public URL, so
 * anyone may post to it. A repeated event places no second order and makes no
 * second capture; a webhook without a valid Stripe-Signature gets a 400 from
 * the server (src/api/middlewares/stripe-signature/verify-stripe-signature.ts) and never reaches the
 * worker's queue.
 */
import Medusa from "@medusajs/js-sdk"
import { paymentIntentEvent, signedWebhook } from "../../tools/fake-stripe/webhooks"
import { adminApi, type AdminApi } from "./lib/admin-api"
import { ordersOfCart } from "./lib/database"
import { eventQueue, webhookEvents } from "./lib/event-queue"
import { ensureServicesRunning } from "./lib/services"
import { runningShop, waitFor } from "./lib/shop"
import { confirmLikeStripeJs, intentRecord, stripeCheckout } from "./lib/stripe"

jest.setTimeout(5 * 60 * 1000)

const shop = runningShop()
const sdk = new Medusa({ baseUrl: shop.serverUrl, publishableKey: shop.publishableKey })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const WEBHOOK_URL = `${shop.serverUrl}/hooks/payment/stripe_stripe`
const OTHER_SECRET = "whsec_someoneElseEntirely"

interface Delivery {
  status: number
  body: { type?: string; message?: unknown } | undefined
}

/** Posts exactly these bytes to the shop's Stripe webhook endpoint. */
async function postWebhook(body: string, headers: Record<string, string>): Promise<Delivery> {
  const response = await fetch(WEBHOOK_URL, { method: "POST", headers, body })
  const text = await response.text()
  let parsed: Delivery["body"]
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    parsed = undefined
  }
  return { status: response.status, body: parsed }
}

/** A payment intent event for the intent, signed with the secret, posted to the server. */
const deliver = (type: string, intent: object, secret = shop.env.STRIPE_WEBHOOK_SECRET) => {
  const { body, headers } = signedWebhook(secret, paymentIntentEvent(type, intent))
  return postWebhook(body, headers)
}

/** How many payment webhook events wait in Redis for the worker. */
const pendingWebhooks = async () => webhookEvents((await eventQueue(runningShop())).pending)

/** Waits until the worker has handled every queued payment webhook; fails if one failed for good. */
async function webhooksHandled(seconds = 60): Promise<void> {
  await waitFor(
    "the worker to handle the queued payment webhooks",
    async () => ((await pendingWebhooks()) === 0 ? true : undefined),
    seconds * 1000
  )
  expect(webhookEvents((await eventQueue(runningShop())).failed)).toBe(0)
}

/** The single payment of the order placed from the cart, with its captures. */
async function paymentOfOrder(orderId: string): Promise<{ id: string; captures: unknown[] }> {
  const { body } = await admin.get(`/admin/orders/${orderId}?fields=id,*payment_collections.payments`)
  const payments = body.order.payment_collections.flatMap((c: { payments: Array<{ id: string }> }) => c.payments)
  expect(payments).toHaveLength(1)
  const { body: medusa } = await admin.get(`/admin/payments/${payments[0].id}?fields=id,*captures`)
  return medusa.payment
}

let admin: AdminApi

beforeAll(async () => {
  admin = await adminApi(shop)
})

// Another spec may have left a service stopped when it failed; these tests need the whole shop.
beforeEach(ensureServicesRunning)

describe("Stripe webhooks at the built server and worker", () => {
  it("places one order and makes one capture when the same events come again", async () => {
    const { cartId, intent } = await stripeCheckout(sdk, "sofie.twice@example.dk")
    // The customer approves in the MobilePay app and never comes back: only the fake's webhook places the order.
    expect((await confirmLikeStripeJs(shop, intent, "mobilepay")).status).toBe("requires_action")
    await waitFor(
      "the order from the fake's webhook",
      async () => (await sdk.store.cart.retrieve(cartId, { fields: "id,completed_at" })).cart.completed_at ?? undefined,
      60_000
    )
    await webhooksHandled()
    const ordersMade = await ordersOfCart(shop, cartId)
    expect(ordersMade).toHaveLength(1)
    const [orderId] = ordersMade

    const authorized = (await intentRecord(shop, intent.id)).intent
    expect(authorized.status).toBe("requires_capture")
    const again = [
      await deliver("payment_intent.amount_capturable_updated", authorized),
      await deliver("payment_intent.amount_capturable_updated", authorized),
    ]
    expect(again.map((d) => d.status)).toEqual([200, 200])
    // Medusa holds each accepted webhook back 5 s, so both are still in the queue here.
    const queuedAgain = await pendingWebhooks()
    expect(queuedAgain).toBe(2)
    await webhooksHandled()
    const ordersAfterRepeats = await ordersOfCart(shop, cartId)
    expect(ordersAfterRepeats).toEqual([orderId])

    const payment = await paymentOfOrder(orderId)
    expect(payment.captures).toHaveLength(0)
    expect((await admin.post(`/admin/payments/${payment.id}/capture`)).status).toBe(200)
    expect((await intentRecord(shop, intent.id)).captures).toBe(1)
    // The capture makes the fake send its own payment_intent.succeeded; the two repeats come on top of it.
    await waitFor(
      "the fake's payment_intent.succeeded webhook",
      async () => (await intentRecord(shop, intent.id)).deliveries.find((d) => d.type === "payment_intent.succeeded"),
      30_000
    )
    const captured = (await intentRecord(shop, intent.id)).intent
    expect(captured.status).toBe("succeeded")
    const succeeded = [
      await deliver("payment_intent.succeeded", captured),
      await deliver("payment_intent.succeeded", captured),
    ]
    expect(succeeded.map((d) => d.status)).toEqual([200, 200])
    await webhooksHandled()

    const record = await intentRecord(shop, intent.id)
    expect(record.captures).toBe(1)
    expect(record.deliveries.map((d) => `${d.type} ${d.status}`)).toEqual([
      "payment_intent.requires_action 200",
      "payment_intent.amount_capturable_updated 200",
      "payment_intent.succeeded 200",
    ])
    const medusaCaptures = (await paymentOfOrder(orderId)).captures.length
    expect(medusaCaptures).toBe(1)
    const orders = await ordersOfCart(shop, cartId)
    expect(orders).toEqual([orderId])
    console.log(
      `duplicate webhooks: amount_capturable_updated again → ${again.map((d) => d.status).join(", ")} ` +
        `(${queuedAgain} queued), orders for the cart: ${ordersAfterRepeats.length}; after the capture ` +
        `succeeded again → ${succeeded.map((d) => d.status).join(", ")}; captures at the fake: ${record.captures}, ` +
        `in Medusa: ${medusaCaptures}; orders: ${orders.length}; the fake's own webhooks: ` +
        record.deliveries.map((d) => `${d.type} → ${d.status}`).join(", ")
    )
  })

  it("refuses forged, unsigned and tampered webhooks with 400, queues nothing and places no order", async () => {
    await webhooksHandled()
    const failedBefore = webhookEvents((await eventQueue(runningShop())).failed)
    // The customer never pays: any order for this cart could only come from a webhook the shop should not trust.
    // (A card confirmation at the fake would send a genuine amount_capturable_updated, which places the order.)
    const { cartId, intent } = await stripeCheckout(sdk, "forged.webhook@example.dk")
    const unpaid = await intentRecord(shop, intent.id)
    expect(unpaid.intent.status).toBe("requires_payment_method")
    // What a forger claims: the intent authorized for its whole amount.
    const claimed = { ...unpaid.intent, status: "requires_capture", amount_capturable: unpaid.intent.amount }
    const event = paymentIntentEvent("payment_intent.amount_capturable_updated", claimed)
    const genuine = signedWebhook(shop.env.STRIPE_WEBHOOK_SECRET, event)
    const otherSecret = signedWebhook(OTHER_SECRET, event)
    expect(otherSecret.body).toBe(genuine.body)
    expect(genuine.body).toMatch(/"amount":\d+/)

    const forged = await postWebhook(otherSecret.body, otherSecret.headers)
    const unsigned = await postWebhook(genuine.body, { "content-type": "application/json" })
    const tampered = await postWebhook(genuine.body.replace(/"amount":\d+/, '"amount":1'), genuine.headers)
    const refused = { forged, unsigned, tampered }
    for (const response of Object.values(refused)) {
      expect(response.status).toBe(400)
      expect(response.body).toEqual({ type: "invalid_data", message: expect.any(String) })
    }
    // Accepted webhooks wait 5 s in the queue; none of these is there.
    const queuedAtOnce = await pendingWebhooks()
    expect(queuedAtOnce).toBe(0)

    await sleep(10_000)
    const queuedLater = await pendingWebhooks()
    expect(queuedLater).toBe(0)
    expect(webhookEvents((await eventQueue(runningShop())).failed)).toBe(failedBefore)
    const orders = await ordersOfCart(shop, cartId)
    expect(orders).toEqual([])
    const { cart } = await sdk.store.cart.retrieve(cartId, { fields: "id,completed_at" })
    expect(cart.completed_at ?? null).toBeNull()
    const record = await intentRecord(shop, intent.id)
    expect(record.intent.status).toBe("requires_payment_method")
    expect(record.deliveries).toEqual([])
    expect(record.captures).toBe(0)
    console.log(
      "forged webhooks: " +
        Object.entries(refused)
          .map(([name, r]) => `${name} → ${r.status} "${String(r.body?.message)}"`)
          .join(", ") +
        `; payment webhooks queued at once: ${queuedAtOnce}, after 10 s: ${queuedLater}; ` +
        `orders for the cart after 10 s: ${orders.length}; captures at the fake: ${record.captures}`
    )
  })
})
