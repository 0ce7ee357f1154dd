import { buildConfig } from "../index"
import { paymentSettings, STRIPE_CONFIG_ID, STRIPE_PROVIDER_ID } from "../payments"
import { errorOf } from "./config-error"
import { PRODUCTION, STRIPE_LIVE } from "./production-env"

const TEST_KEYS = { STRIPE_API_KEY: "sk_test_51AbCdEf", STRIPE_WEBHOOK_SECRET: "whsec_AbCdEf123" }

describe("paymentSettings", () => {
  it("keeps Medusa's manual provider alone without Stripe variables, and warns in production", () => {
    const development = paymentSettings({}, { production: false })
    expect(development.module).toBeUndefined()
    expect(development.warnings).toEqual([])
    expect(development.summary).toBe("payments: manual provider only (STRIPE_API_KEY not set)")
    expect(paymentSettings({}, { production: true }).warnings.map((w) => w.message)).toEqual([
      "no Stripe: customers can only pay with the manual provider, no money is taken",
    ])
  })

  it("configures Medusa's Stripe provider with automatic payment methods and capture by staff", () => {
    const settings = paymentSettings(TEST_KEYS, { production: false })
    expect(settings.module).toEqual({
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/payment-stripe",
            id: STRIPE_CONFIG_ID,
            options: {
              apiKey: "sk_test_51AbCdEf",
              webhookSecret: "whsec_AbCdEf123",
              capture: false,
              automaticPaymentMethods: true,
            },
          },
        ],
      },
    })
    expect(settings.stripe).toEqual({ mode: "test" })
    // The id Medusa gives the provider, which the seed and the webhook guard use.
    expect(STRIPE_PROVIDER_ID).toBe("pp_stripe_stripe")
  })

  it("refuses half a configuration, naming the missing variable", () => {
    expect(errorOf(() => paymentSettings({ STRIPE_API_KEY: "sk_test_1" }, { production: false })).message).toMatch(
      /^STRIPE_WEBHOOK_SECRET: is required when STRIPE_API_KEY is set/
    )
    expect(errorOf(() => paymentSettings({ STRIPE_WEBHOOK_SECRET: "whsec_1" }, { production: false })).message).toMatch(
      /^STRIPE_API_KEY: is required when STRIPE_WEBHOOK_SECRET is set/
    )
  })

  it("refuses a publishable key where the secret key belongs", () => {
    const error = errorOf(() =>
      paymentSettings({ ...TEST_KEYS, STRIPE_API_KEY: "pk_live_51AbCdEf" }, { production: true })
    )
    expect(error.message).toBe(
      "STRIPE_API_KEY: is a publishable key (pk_…), which belongs in the storefront; the backend needs the secret key (sk_…) or a restricted key (rk_…)"
    )
    expect(error.message).not.toContain("pk_live_51AbCdEf")
  })

  it("refuses values that are not Stripe keys, without echoing them", () => {
    const wrongKey = errorOf(() => paymentSettings({ ...TEST_KEYS, STRIPE_API_KEY: "my-key" }, { production: false }))
    expect(wrongKey.variable).toBe("STRIPE_API_KEY")
    expect(wrongKey.message).not.toContain("my-key")
    const wrongSecret = errorOf(() =>
      paymentSettings({ ...TEST_KEYS, STRIPE_WEBHOOK_SECRET: "sk_test_123" }, { production: false })
    )
    expect(wrongSecret.message).toMatch(/^STRIPE_WEBHOOK_SECRET: must be a webhook signing secret \(whsec_…\)/)
  })

  it("accepts a restricted key", () => {
    expect(paymentSettings({ ...TEST_KEYS, STRIPE_API_KEY: "rk_live_51AbCdEf" }, { production: true }).stripe).toEqual({
      mode: "live",
    })
  })

  it("warns about a test key in production and a live key in development", () => {
    expect(paymentSettings(TEST_KEYS, { production: true }).warnings.map((w) => w.message)).toEqual([
      "STRIPE_API_KEY is a test key: orders are placed but no real money is taken",
    ])
    expect(paymentSettings(STRIPE_LIVE, { production: false }).warnings.map((w) => w.message)).toEqual([
      "STRIPE_API_KEY is a live key outside production: test orders charge real cards",
    ])
    expect(paymentSettings(STRIPE_LIVE, { production: true }).warnings).toEqual([])
  })
})

describe("payments in the whole configuration", () => {
  it("adds the payment module for server and worker alike, and never prints the keys", () => {
    for (const mode of ["server", "worker"]) {
      const built = buildConfig({ ...PRODUCTION, MEDUSA_WORKER_MODE: mode, EMAIL_LOG_ONLY: "true" })
      const resolves = (built.config.modules as Array<{ resolve: string }>).map((m) => m.resolve)
      expect(resolves).toContain("@medusajs/medusa/payment")
      const printed = JSON.stringify([built.summary, built.warnings])
      expect(printed).toContain(
        "payments: Stripe (live mode; automatic payment methods, captured by staff at shipment) and the manual provider"
      )
      expect(printed).not.toContain(STRIPE_LIVE.STRIPE_API_KEY)
      expect(printed).not.toContain(STRIPE_LIVE.STRIPE_WEBHOOK_SECRET)
    }
  })
})
