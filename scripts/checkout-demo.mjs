#!/usr/bin/env node
// @ts-check
/**
 * `npm run checkout-demo -- <publishable-key> [backend-url] [--pay card|mobilepay]`:
 * one whole storefront checkout through @medusajs/js-sdk, the client a
 * storefront uses, against a running backend (default http://localhost:9000):
 * Danmark region, the first product in stock, a cart with email and address,
 * Standard shipping, payment, then the order. Prints each step and the order;
 * the worker then sends its confirmation (see its log).
 *
 * Payment: the system (manual) provider, or with --pay Stripe, confirmed the
 * way Stripe.js confirms it in a browser (publishable key and client secret).
 * `card` pays at once and the storefront completes the cart; `mobilepay` goes
 * to the app, and only Stripe's webhook completes the cart. The defaults
 * --stripe-api http://127.0.0.1:12111 and --stripe-key pk_test_devfake are the
 * fake Stripe API of `DEV_FAKE_STRIPE=true npm run dev`.
 * The key is the one `npm run seed` / `npm run publishable-key` prints.
 */
import { parseArgs } from "node:util"
import Medusa from "@medusajs/js-sdk"

const USAGE =
  "usage: npm run checkout-demo -- <publishable key pk_...> [backend url] [--pay card|mobilepay] [--stripe-api URL] [--stripe-key pk_test_...]"
let parsed
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      pay: { type: "string" },
      "stripe-api": { type: "string", default: "http://127.0.0.1:12111" },
      "stripe-key": { type: "string", default: "pk_test_devfake" },
    },
  })
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`)
  process.exit(2)
}
const [key, baseUrl = "http://localhost:9000"] = parsed.positionals
const pay = parsed.values.pay
if (!key || !key.startsWith("pk_") || (pay !== undefined && pay !== "card" && pay !== "mobilepay")) {
  console.error(USAGE)
  console.error("the key: npm run publishable-key")
  process.exit(2)
}

const sdk = new Medusa({ baseUrl, publishableKey: key })
/** @param {string} text */
const step = (text) => console.log(`- ${text}`)

/**
 * What Stripe.js does in the browser when the customer pays: confirm the
 * intent with the publishable key and the intent's client secret.
 * @param {string} id @param {string} clientSecret @param {string} method
 */
async function confirmLikeStripeJs(id, clientSecret, method) {
  const form = new URLSearchParams({ client_secret: clientSecret })
  if (method === "card") {
    form.set("payment_method", "pm_card_visa")
  } else {
    form.set("payment_method_data[type]", "mobilepay")
    form.set("return_url", `${baseUrl}/checkout-demo/return`)
  }
  const response = await fetch(`${parsed.values["stripe-api"]}/v1/payment_intents/${id}/confirm`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${parsed.values["stripe-key"]}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: form,
  })
  if (!response.ok) {
    throw new Error(`Stripe refused the payment (HTTP ${response.status}): ${await response.text()}`)
  }
}

/** Polls the cart until Stripe's webhook has completed it (Medusa processes webhooks after a few seconds). @param {string} cartId */
async function waitForCompletion(cartId) {
  for (let waited = 0; waited < 60; waited += 1) {
    const { cart } = await sdk.store.cart.retrieve(cartId, { fields: "id,completed_at" })
    if (cart.completed_at) return
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  throw new Error("the cart was not completed within 60 s; is the worker running and the webhook reaching the server?")
}

try {
  const { regions } = await sdk.store.region.list()
  const region = regions.find((r) => r.currency_code === "dkk")
  if (!region) {
    throw new Error("no region in DKK; run npm run seed")
  }
  step(`region ${region.name} (${region.currency_code.toUpperCase()})`)

  const { products } = await sdk.store.product.list({
    region_id: region.id,
    limit: 20,
    fields: "*variants.calculated_price,+variants.inventory_quantity",
  })
  const product = products.find((p) => p.variants?.some((v) => (v.inventory_quantity ?? 0) > 0))
  const variant = product?.variants?.find((v) => (v.inventory_quantity ?? 0) > 0)
  if (!product || !variant) {
    throw new Error("no product in stock; run npm run seed")
  }
  step(
    `product ${product.title} (${variant.title}, ${variant.sku}): ${variant.calculated_price?.calculated_amount} kr.`
  )

  const address = {
    first_name: "Demo",
    last_name: "Kunde",
    address_1: "Vesterbrogade 1",
    postal_code: "1620",
    city: "København V",
    country_code: "dk",
  }
  const { cart: created } = await sdk.store.cart.create({ region_id: region.id })
  await sdk.store.cart.createLineItem(created.id, { variant_id: variant.id, quantity: 1 })
  const { cart } = await sdk.store.cart.update(created.id, {
    email: "demo.kunde@example.dk",
    shipping_address: address,
    billing_address: address,
  })
  step(`cart ${cart.id} with 1 item, email and address`)

  const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: cart.id })
  const shipping = shipping_options.find((o) => o.name === "Standard") ?? shipping_options[0]
  if (!shipping) {
    throw new Error("no shipping option for Denmark; run npm run seed")
  }
  const { cart: shipped } = await sdk.store.cart.addShippingMethod(cart.id, { option_id: shipping.id })
  step(`shipping ${shipping.name}`)

  if (!pay) {
    const { payment_providers } = await sdk.store.payment.listPaymentProviders({ region_id: region.id })
    if (!payment_providers.some((p) => p.id === "pp_system_default")) {
      throw new Error("this region takes no manual payments (production offers Stripe only); run with --pay card")
    }
    await sdk.store.payment.initiatePaymentSession(shipped, { provider_id: "pp_system_default" })
    step("payment session with the system (manual) provider")
  } else {
    const { payment_collection } = await sdk.store.payment.initiatePaymentSession(shipped, {
      provider_id: "pp_stripe_stripe",
    })
    const session = payment_collection.payment_sessions?.find((s) => s.provider_id === "pp_stripe_stripe")
    const intent = /** @type {{ id?: string, client_secret?: string }} */ (session?.data ?? {})
    if (!intent.id || !intent.client_secret) {
      throw new Error("no Stripe payment intent in the payment session; is Stripe configured (DEV_FAKE_STRIPE=true)?")
    }
    step(`payment session with Stripe (${intent.id})`)
    await confirmLikeStripeJs(intent.id, intent.client_secret, pay)
    step(pay === "card" ? "card payment authorised" : "MobilePay: the customer approves in the app")
  }

  if (pay === "mobilepay") {
    // The customer does not come back: Stripe's webhook completes the cart.
    await waitForCompletion(cart.id)
    step("Stripe's webhook completed the cart")
  }
  const completed = await sdk.store.cart.complete(cart.id)
  if (completed.type !== "order") {
    throw new Error(`the cart was not completed: ${completed.error?.message ?? "unknown reason"}`)
  }
  console.log(
    `order #${completed.order.display_id} placed (${completed.order.id}), total ${completed.order.total} ${completed.order.currency_code.toUpperCase()}`
  )
} catch (error) {
  const status = /** @type {{ status?: number }} */ (error).status
  console.error(
    `checkout failed${status ? ` (HTTP ${status})` : ""}: ${error instanceof Error ? error.message : String(error)}`
  )
  process.exit(1)
}
