import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ensureAdminUser } from "../../src/scripts/lib/admin-user"
import { ensureCatalogue } from "../../src/scripts/lib/catalogue"
import { DENMARK_REGION, ensureMinimalStore } from "../../src/scripts/lib/minimal-store"
import { FakeStripe, startFakeStripe } from "../../tools/fake-stripe/server"
import {
  STRIPE_PROVIDER,
  StripeCheckout,
  admin,
  ordersOfCart,
  sleep,
  storefront,
  waitFor,
  watchPaymentWebhooks,
} from "../helpers/stripe-checkout"
import { paymentIntentEvent, signedWebhook } from "../../tools/fake-stripe/webhooks"

// Card and MobilePay payments through Medusa's real Stripe provider, talking to the local fake of the Stripe
// API: the storefront pays through the Store API, Stripe's webhooks arrive signed at /hooks/payment/stripe_stripe,
// staff capture and refund through the Admin API. Nothing leaves 127.0.0.1.

jest.setTimeout(180 * 1000)

const WEBHOOK_SECRET = "whsec_fakeBeautyShop"
const STRIPE_ENV = { STRIPE_API_KEY: "sk_test_fakeBeautyShop", STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET }
// The runner loads medusa-config before it applies its `env`, so the keys are in the environment from the start.
Object.assign(process.env, STRIPE_ENV)
const { installStripeRedirect } = require("../../src/internals/stripe-api-host") as { installStripeRedirect(): void }

const ADMIN = { email: "staff@beauty-shop.test", password: "rose-serum-Q7v!k2#" }
const WEBHOOK_URL = "/hooks/payment/stripe_stripe"

let fake: FakeStripe

beforeAll(async () => {
  fake = await startFakeStripe()
  process.env.TEST_STRIPE_API_URL = fake.url
  installStripeRedirect()
})

afterAll(async () => {
  delete process.env.TEST_STRIPE_API_URL
  await fake?.close()
})

medusaIntegrationTestRunner({
  inApp: true,
  env: STRIPE_ENV,
  testSuite: ({ api, getContainer }) => {
    let shop: ReturnType<typeof storefront>
    let staff: ReturnType<typeof admin>
    let regionId: string
    let webhooks: ReturnType<typeof watchPaymentWebhooks>

    // Seeded once: the runner snapshots the database after this and restores it before every test.
    beforeAll(async () => {
      const container = getContainer()
      const store = await ensureMinimalStore(container)
      await ensureCatalogue(container, store)
      await ensureAdminUser(container, ADMIN.email, ADMIN.password)
      const login = await api.post("/auth/user/emailpass", ADMIN)
      shop = storefront(api, store.publishableKey)
      staff = admin(api, login.data.token)
      const [region] = await container.resolve(Modules.REGION).listRegions({ name: DENMARK_REGION })
      regionId = region.id
      webhooks = watchPaymentWebhooks(container)
    })

    beforeEach(() => webhooks.reset())

    // The bytes go out exactly as signed: axios must not serialise the body again.
    const postWebhook = (body: string, headers: Record<string, string>) =>
      api.post(WEBHOOK_URL, body, { headers, validateStatus: () => true, transformRequest: (raw: string) => raw })
    const deliver = (type: string, intent: object, secret = WEBHOOK_SECRET) => {
      const { body, headers } = signedWebhook(secret, paymentIntentEvent(type, intent))
      return postWebhook(body, headers)
    }
    const authorizedBy = async (checkout: StripeCheckout, method: "card" | "mobilepay") =>
      fake.confirm(checkout.intentId, "requires_capture", method)
    const onlyOrder = async (cartId: string) => {
      const orders = await ordersOfCart(getContainer(), cartId)
      expect(orders).toHaveLength(1)
      return orders[0]
    }

    describe("Stripe payments", () => {
      it("offers Stripe in Danmark, authorizes a card payment at checkout, and staff capture and refund it", async () => {
        const { payment_providers } = await shop.call("get", `/store/payment-providers?region_id=${regionId}`)
        expect(payment_providers.map((p: { id: string }) => p.id)).toContain(STRIPE_PROVIDER)

        const checkout = await shop.checkoutWithStripe(regionId, fake)
        const create = fake.requests.find(
          (r) => r.path === "/v1/payment_intents" && r.params.metadata?.session_id === checkout.sessionId
        )
        expect(create?.params).toMatchObject({
          amount: String(Math.round(checkout.total * 100)),
          currency: "dkk",
          capture_method: "manual",
          automatic_payment_methods: { enabled: "true" },
        })
        await authorizedBy(checkout, "card")

        const completed = await shop.complete(checkout.cartId)
        expect(completed.status).toBe(200)
        expect(completed.data.type).toBe("order")
        const orderId = completed.data.order.id
        expect(await onlyOrder(checkout.cartId)).toBe(orderId)
        const authorized = await staff.payment(orderId)
        expect(authorized).toMatchObject({ provider_id: STRIPE_PROVIDER, captured_at: null, captures: [] })
        expect(Number(authorized.amount)).toBe(checkout.total)
        expect(fake.captures(checkout.intentId)).toBe(0)

        const capture = await staff.capture(authorized.id)
        expect(capture.status).toBe(200)
        expect(fake.captures(checkout.intentId)).toBe(1)
        expect(fake.intents.get(checkout.intentId)).toMatchObject({ status: "succeeded" })

        const refund = await staff.refund(authorized.id, 50)
        expect(refund.status).toBe(200)
        expect(fake.refunds.filter((r) => r.payment_intent === checkout.intentId)).toEqual([
          expect.objectContaining({ amount: 5000 }),
        ])
        const refunded = await staff.payment(orderId)
        expect(refunded.captures).toHaveLength(1)
        expect(refunded.refunds.map((r: { amount: number }) => Number(r.amount))).toEqual([50])
      })

      it("places the order from MobilePay's webhook when the customer never returns to the storefront", async () => {
        const checkout = await shop.checkoutWithStripe(regionId, fake)
        const intent = await authorizedBy(checkout, "mobilepay")

        const delivered = await deliver("payment_intent.amount_capturable_updated", intent)
        expect(delivered.status).toBe(200)
        const started = Date.now()

        const orderId = await waitFor(
          "the webhook's order",
          async () => (await ordersOfCart(getContainer(), checkout.cartId))[0]
        )
        console.log(`stripe-payments: the webhook's order appeared after ${Date.now() - started} ms`)
        expect((await webhooks.handled(1)).map((h) => h.status)).toEqual(["fulfilled"])
        expect(webhooks.emitted().filter((name) => name === "payment.webhook_received")).toHaveLength(1)
        expect(await onlyOrder(checkout.cartId)).toBe(orderId)
        const { cart } = await shop.call("get", `/store/carts/${checkout.cartId}`)
        expect(cart.completed_at).toBeTruthy()
        expect(await staff.payment(orderId)).toMatchObject({ captured_at: null, captures: [] })
        expect(fake.captures(checkout.intentId)).toBe(0)
      })

      it("places one order per cart when the webhook comes twice, also while the storefront completes", async () => {
        const webhookOnly = await shop.checkoutWithStripe(regionId, fake)
        const racing = await shop.checkoutWithStripe(regionId, fake)
        const webhookOnlyIntent = await authorizedBy(webhookOnly, "mobilepay")
        const racingIntent = await authorizedBy(racing, "card")

        const deliveries = await Promise.all([
          deliver("payment_intent.amount_capturable_updated", webhookOnlyIntent),
          deliver("payment_intent.amount_capturable_updated", webhookOnlyIntent),
          deliver("payment_intent.amount_capturable_updated", racingIntent),
          deliver("payment_intent.amount_capturable_updated", racingIntent),
        ])
        expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200])
        // Medusa holds a webhook back 5 s; the storefront's complete then meets the webhooks' processing.
        await sleep(4900)
        const completed = await shop.complete(racing.cartId)
        const handled = await webhooks.handled(4)

        expect(handled.map((h) => h.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"])
        expect(completed.status).toBe(200)
        expect(completed.data.type).toBe("order")
        expect(await onlyOrder(racing.cartId)).toBe(completed.data.order.id)
        const orderId = await onlyOrder(webhookOnly.cartId)
        expect(fake.captures(webhookOnly.intentId) + fake.captures(racing.intentId)).toBe(0)

        const payment = await staff.payment(orderId)
        expect((await staff.capture(payment.id)).status).toBe(200)
        expect(fake.captures(webhookOnly.intentId)).toBe(1)
        const captured = fake.intents.get(webhookOnly.intentId)!
        webhooks.reset()
        const succeeded = await Promise.all([
          deliver("payment_intent.succeeded", captured),
          deliver("payment_intent.succeeded", captured),
        ])
        expect(succeeded.map((d) => d.status)).toEqual([200, 200])
        expect((await webhooks.handled(2)).map((h) => h.status)).toEqual(["fulfilled", "fulfilled"])

        expect(fake.captures(webhookOnly.intentId)).toBe(1)
        const afterWebhooks = await staff.payment(orderId)
        expect(afterWebhooks.captured_at).toBeTruthy()
        expect(afterWebhooks.captures).toHaveLength(1)
        expect(await onlyOrder(webhookOnly.cartId)).toBe(orderId)
      })

      it("refuses forged, unsigned and tampered webhooks with 400 and queues nothing", async () => {
        const checkout = await shop.checkoutWithStripe(regionId, fake)
        const intent = await authorizedBy(checkout, "mobilepay")
        const requestsBefore = fake.requests.length
        webhooks.reset()

        const forged = await deliver("payment_intent.amount_capturable_updated", intent, "whsec_someoneElse")
        const genuine = signedWebhook(
          WEBHOOK_SECRET,
          paymentIntentEvent("payment_intent.amount_capturable_updated", intent)
        )
        const unsigned = await postWebhook(genuine.body, { "content-type": "application/json" })
        const tampered = await postWebhook(genuine.body.replace(/"amount":\d+/, '"amount":1'), genuine.headers)

        for (const response of [forged, unsigned, tampered]) {
          expect(response.status).toBe(400)
          expect(response.headers["content-type"]).toMatch(/application\/json/)
          expect(response.data).toEqual({ type: "invalid_data", message: expect.any(String) })
        }
        expect(genuine.body).toMatch(/"amount":\d+/)
        await sleep(7000)
        expect(webhooks.emitted()).not.toContain("payment.webhook_received")
        expect(await ordersOfCart(getContainer(), checkout.cartId)).toEqual([])
        expect(fake.requests.length).toBe(requestsBefore)
      })
    })
  },
})
