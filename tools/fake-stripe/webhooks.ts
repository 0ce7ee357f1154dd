import { randomBytes } from "node:crypto"

// Signs webhook payloads the way Stripe does, with the SDK copy Medusa's Stripe provider verifies them with.

interface NestedStripe {
  webhooks: { generateTestHeaderString(options: { payload: string; secret: string; timestamp?: number }): string }
}
// A CommonJS preload (plain JS, also used through NODE_OPTIONS), so it is required rather than imported.
const { loadNestedStripe } = require("../../src/internals/stripe-api-host") as {
  loadNestedStripe(): { Stripe: NestedStripe }
}

export interface SignedWebhook {
  /** Send exactly these bytes: the signature covers them. */
  body: string
  headers: Record<string, string>
}

export interface StripeEvent {
  id: string
  object: "event"
  type: string
  data: { object: object }
  created: number
  livemode: false
  api_version: string
}

export function signedWebhook(secret: string, event: object): SignedWebhook {
  const body = JSON.stringify(event)
  const signature = loadNestedStripe().Stripe.webhooks.generateTestHeaderString({ payload: body, secret })
  return { body, headers: { "content-type": "application/json", "stripe-signature": signature } }
}

/** An event as Stripe posts it, e.g. paymentIntentEvent("payment_intent.succeeded", fake.intents.get(id)). */
export function paymentIntentEvent(type: string, intent: object): StripeEvent {
  return {
    id: `evt_fake${randomBytes(8).toString("hex")}`,
    object: "event",
    type,
    data: { object: intent },
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    api_version: "2024-04-10",
  }
}
