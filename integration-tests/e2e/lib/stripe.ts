import Medusa from "@medusajs/js-sdk"
import { STRIPE_PROVIDER_ID } from "../../../src/config/payments"
import type { RunningShop } from "./shop"
import { DANISH_ADDRESS } from "../../helpers/customer"

// A storefront's Stripe checkout through @medusajs/js-sdk against the running shop, with the payment confirmed
// the way Stripe.js confirms it in the browser, and what the fake Stripe API recorded for the payment intent.

export const STRIPE_PROVIDER = STRIPE_PROVIDER_ID

const address = DANISH_ADDRESS

export interface IntentRecord {
  intent: { id: string; status: string; amount: number; amount_received: number; currency: string }
  captures: number
  refunds: Array<{ id: string; amount: number; currency: string }>
  deliveries: Array<{ type: string; intent: string; status: number }>
}

/** What the fake recorded for a payment intent (its test-only GET /_fake/intents/:id). */
export async function intentRecord(shop: RunningShop, intentId: string): Promise<IntentRecord> {
  const response = await fetch(`${shop.stripe.url}/_fake/intents/${intentId}`)
  if (!response.ok) throw new Error(`fake Stripe: ${intentId}: HTTP ${response.status} ${await response.text()}`)
  return (await response.json()) as IntentRecord
}

/** POST /v1/payment_intents/:id/confirm with the publishable key and client secret, as Stripe.js sends it. */
export async function confirmLikeStripeJs(
  shop: RunningShop,
  intent: { id: string; client_secret: string },
  method: "card" | "mobilepay"
): Promise<{ status: string }> {
  const form = new URLSearchParams({ client_secret: intent.client_secret })
  if (method === "card") {
    form.set("payment_method", "pm_card_visa")
  } else {
    form.set("payment_method_data[type]", "mobilepay")
    form.set("return_url", "http://localhost:8000/checkout/return")
  }
  const response = await fetch(`${shop.stripe.url}/v1/payment_intents/${intent.id}/confirm`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${shop.stripe.publishableKey}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: form,
  })
  if (!response.ok) throw new Error(`Stripe.js confirm: HTTP ${response.status} ${await response.text()}`)
  return (await response.json()) as { status: string }
}

/**
 * A cart in the Danmark region (DKK) with one product in stock, email, addresses and Standard shipping, and a
 * Stripe payment session; resolves with the cart id and the session's payment intent.
 */
export async function stripeCheckout(sdk: Medusa, email: string) {
  const { regions } = await sdk.store.region.list()
  const region = regions.find((r) => r.currency_code === "dkk")!
  const { products } = await sdk.store.product.list({
    region_id: region.id,
    limit: 50,
    fields: "*variants.calculated_price,+variants.inventory_quantity",
  })
  const variant = products.flatMap((p) => p.variants ?? []).find((v) => (v.inventory_quantity ?? 0) > 0)!
  const { cart: created } = await sdk.store.cart.create({ region_id: region.id })
  await sdk.store.cart.createLineItem(created.id, { variant_id: variant.id, quantity: 1 })
  await sdk.store.cart.update(created.id, { email, shipping_address: address, billing_address: address })
  const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: created.id })
  const standard = shipping_options.find((o) => o.name === "Standard")!
  const { cart } = await sdk.store.cart.addShippingMethod(created.id, { option_id: standard.id })
  const { payment_providers } = await sdk.store.payment.listPaymentProviders({ region_id: region.id })
  if (!payment_providers.some((p) => p.id === STRIPE_PROVIDER)) {
    throw new Error(`the region offers no Stripe: ${payment_providers.map((p) => p.id).join(", ")}`)
  }
  const { payment_collection } = await sdk.store.payment.initiatePaymentSession(cart, { provider_id: STRIPE_PROVIDER })
  const session = payment_collection.payment_sessions!.find((s) => s.provider_id === STRIPE_PROVIDER)!
  const intent = session.data as { id: string; client_secret: string; amount: number }
  return { cartId: cart.id, total: Number(cart.total), intent }
}
