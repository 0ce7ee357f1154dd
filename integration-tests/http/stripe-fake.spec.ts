import type { IPaymentProvider } from "@medusajs/framework/types"
import stripeProviders from "@medusajs/medusa/payment-stripe"
import { FakeStripe, startFakeStripe } from "../../tools/fake-stripe/server"
import { paymentIntentEvent, signedWebhook } from "../../tools/fake-stripe/webhooks"

// Medusa's real Stripe provider against the local fake of the Stripe API; no Medusa boot, nothing leaves 127.0.0.1.

// The preload is plain CommonJS (it also runs through NODE_OPTIONS), so its shape is declared here.
interface StripeRedirect {
  loadNestedStripe(): { Stripe: new (key: string) => { _api: object }; file: string }
  assertSupportedStripeSdk(sdk: unknown, file?: string): void
  installStripeRedirect(): void
}
type ProviderClass = (new (cradle: object, options: object) => IPaymentProvider) & { identifier: string }

const WEBHOOK_SECRET = "whsec_fake_beauty"
const logger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {}, log: () => {} }

let fake: FakeStripe
let provider: IPaymentProvider
let redirect: StripeRedirect

beforeAll(async () => {
  fake = await startFakeStripe()
  process.env.TEST_STRIPE_API_URL = fake.url
  redirect = require("../../src/internals/stripe-api-host")
  // stripe-webhook has loaded the preload already, before the fake had a URL, so install the redirect now.
  redirect.installStripeRedirect()
  const services = stripeProviders.services as unknown as ProviderClass[]
  const Provider = services.find((service) => service.identifier === "stripe")!
  provider = new Provider(
    { logger },
    { apiKey: "sk_test_fake_beauty", webhookSecret: WEBHOOK_SECRET, automaticPaymentMethods: true }
  )
})

afterAll(async () => {
  delete process.env.TEST_STRIPE_API_URL
  await fake.close()
})

let sessions = 0
async function initiate(amount = 199.95) {
  const sessionId = `payses_fake${++sessions}`
  const result = await provider.initiatePayment({
    amount,
    currency_code: "dkk",
    data: { session_id: sessionId },
    context: { idempotency_key: sessionId },
  })
  return { sessionId, intentId: result.id, result }
}

async function capturedIntent() {
  const { intentId, sessionId } = await initiate()
  const captureKey = `capt_${sessionId}`
  fake.confirm(intentId, "requires_capture")
  await provider.capturePayment({ data: { id: intentId }, context: { idempotency_key: captureKey } })
  return { intentId, captureKey }
}

describe("Medusa's Stripe provider against the fake Stripe API", () => {
  it("creates a manual-capture intent in øre with automatic payment methods", async () => {
    const { sessionId, intentId, result } = await initiate()

    expect(result.status).toBe("pending")
    expect(result.data).toMatchObject({ id: intentId, status: "requires_payment_method", amount: 19995 })
    expect(result.data!.client_secret).toMatch(new RegExp(`^${intentId}_secret_`))
    const create = fake.requests.find((r) => r.method === "POST" && r.path === "/v1/payment_intents")
    expect(create).toMatchObject({
      idempotencyKey: sessionId,
      params: {
        amount: "19995",
        currency: "dkk",
        capture_method: "manual",
        automatic_payment_methods: { enabled: "true" },
        metadata: { session_id: sessionId },
      },
    })
    expect(fake.intents.get(intentId)).toMatchObject({ amount: 19995, capture_method: "manual" })
  })

  it("authorizes once the customer has paid and the intent requires capture", async () => {
    const { intentId } = await initiate()
    fake.confirm(intentId, "requires_capture")

    const result = await provider.authorizePayment({ data: { id: intentId }, context: {} })

    expect(result.status).toBe("authorized")
    expect(result.data).toMatchObject({ amount_capturable: 19995, payment_method: { type: "card" } })
  })

  it("asks for more while the MobilePay app has not approved the payment", async () => {
    const { intentId } = await initiate()
    fake.confirm(intentId, "requires_action", "mobilepay")

    const result = await provider.authorizePayment({ data: { id: intentId }, context: {} })

    expect(result.status).toBe("requires_more")
    expect(result.data).toMatchObject({
      payment_method: { type: "mobilepay" },
      next_action: { type: "redirect_to_url" },
    })
  })

  it("captures an authorized intent at Stripe", async () => {
    const { intentId } = await capturedIntent()

    expect(fake.intents.get(intentId)).toMatchObject({ status: "succeeded", amount_received: 19995 })
    expect(fake.captures(intentId)).toBe(1)
  })

  it("does not capture twice, whether the capture is retried or repeated", async () => {
    const { intentId, captureKey } = await capturedIntent()
    const retried = await provider.capturePayment({ data: { id: intentId }, context: { idempotency_key: captureKey } })
    const repeated = await provider.capturePayment({ data: { id: intentId }, context: { idempotency_key: "capt_2" } })

    expect(retried.data).toMatchObject({ id: intentId, status: "succeeded" })
    expect(repeated.data).toMatchObject({ id: intentId, status: "succeeded" })
    expect(fake.captures(intentId)).toBe(1)
  })

  it("refunds the amount in øre", async () => {
    const { intentId } = await capturedIntent()

    await provider.refundPayment({
      amount: 50,
      data: { id: intentId, currency: "dkk" },
      context: { idempotency_key: "refund_1" },
    })

    expect(fake.refunds).toEqual([expect.objectContaining({ payment_intent: intentId, amount: 5000 })])
    expect(fake.requests.at(-1)).toMatchObject({ path: "/v1/refunds", idempotencyKey: "refund_1" })
  })

  it("reads a signed amount_capturable_updated webhook as authorized for the session", async () => {
    const { sessionId, intentId } = await initiate()
    const intent = fake.confirm(intentId, "requires_capture")
    const { body, headers } = signedWebhook(
      WEBHOOK_SECRET,
      paymentIntentEvent("payment_intent.amount_capturable_updated", intent)
    )

    const result = await provider.getWebhookActionAndData({
      data: JSON.parse(body),
      rawData: Buffer.from(body),
      headers,
    })

    expect(result).toEqual({ action: "authorized", data: { session_id: sessionId, amount: 199.95 } })
  })

  it("rejects a webhook signed with another secret", async () => {
    const { intentId } = await initiate()
    const intent = fake.confirm(intentId, "requires_capture")
    const { body, headers } = signedWebhook(
      "whsec_someone_else",
      paymentIntentEvent("payment_intent.amount_capturable_updated", intent)
    )

    await expect(
      provider.getWebhookActionAndData({ data: JSON.parse(body), rawData: Buffer.from(body), headers })
    ).rejects.toThrow(/signature/i)
  })

  it("answers an unknown intent with Stripe's resource_missing error", async () => {
    await expect(provider.retrievePayment({ data: { id: "pi_unknown" } })).rejects.toThrow(
      /No such payment_intent: 'pi_unknown'/
    )
  })

  it("refuses requests without a test secret key", async () => {
    const response = await fetch(`${fake.url}/v1/payment_intents/pi_unknown`)

    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: { type: "invalid_request_error" } })
  })
})

describe("the Stripe redirect preload", () => {
  it("leaves clients on api.stripe.com while TEST_STRIPE_API_URL is unset", () => {
    const { Stripe } = redirect.loadNestedStripe()
    process.env.TEST_STRIPE_API_URL = ""
    try {
      expect(new Stripe("sk_test_x")._api).toMatchObject({ host: "api.stripe.com", protocol: "https" })
    } finally {
      process.env.TEST_STRIPE_API_URL = fake.url
    }
    expect(new Stripe("sk_test_x")._api).toMatchObject({ host: "127.0.0.1", protocol: "http" })
  })

  it("accepts the Stripe SDK nested under @medusajs/payment-stripe", () => {
    const { Stripe, file } = redirect.loadNestedStripe()

    expect(file).toContain("@medusajs/payment-stripe/node_modules/stripe")
    expect(() => redirect.assertSupportedStripeSdk(Stripe, file)).not.toThrow()
  })

  it("fails loudly for another major version of the SDK", () => {
    const sdk = { PACKAGE_VERSION: "16.0.0", prototype: { _getPropsFromConfig: () => ({}) } }

    expect(() => redirect.assertSupportedStripeSdk(sdk, "stripe@16")).toThrow(
      "stripe-redirect supports only the Stripe SDK 15.x nested under @medusajs/payment-stripe, but stripe@16 is version 16.0.0"
    )
  })

  it("fails loudly when the SDK lacks the private method it wraps", () => {
    const sdk = { PACKAGE_VERSION: "15.99.0", prototype: {} }

    expect(() => redirect.assertSupportedStripeSdk(sdk, "stripe@15.99")).toThrow(
      "stripe-redirect needs the private method Stripe.prototype._getPropsFromConfig"
    )
  })
})
