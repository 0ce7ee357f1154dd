import { stripeWebhookSecret } from "../stripe-webhook-secret"

describe("stripeWebhookSecret", () => {
  it("reads the secret of the provider with id stripe from the payment module", () => {
    const configModule = {
      modules: {
        payment: {
          options: {
            providers: [
              { id: "other", options: { webhookSecret: "whsec_other" } },
              { id: "stripe", options: { apiKey: "sk_test_1", webhookSecret: "whsec_abc" } },
            ],
          },
        },
      },
    }
    expect(stripeWebhookSecret(configModule)).toBe("whsec_abc")
  })

  it("is undefined without a payment module, a Stripe provider or a secret", () => {
    expect(stripeWebhookSecret({})).toBeUndefined()
    expect(stripeWebhookSecret({ modules: { payment: { options: {} } } })).toBeUndefined()
    expect(
      stripeWebhookSecret({ modules: { payment: { options: { providers: [{ id: "stripe" }] } } } })
    ).toBeUndefined()
    expect(
      stripeWebhookSecret({
        modules: { payment: { options: { providers: [{ id: "stripe", options: { webhookSecret: "" } }] } } },
      })
    ).toBeUndefined()
  })
})
