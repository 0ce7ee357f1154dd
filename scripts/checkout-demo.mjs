#!/usr/bin/env node
// @ts-check
/**
 * `npm run checkout-demo -- <publishable-key> [backend-url]`: one whole
 * storefront checkout through @medusajs/js-sdk, the client a storefront uses,
 * against a running backend (default http://localhost:9000): Danmark region,
 * the first product in stock, a cart with email and address, Standard
 * shipping, the system (manual) payment provider, then the order. Prints each
 * step and the order; the worker then sends its confirmation (see its log).
 * The key is the one `npm run seed` / `npm run publishable-key` prints.
 */
import Medusa from "@medusajs/js-sdk"

const [key, baseUrl = "http://localhost:9000"] = process.argv.slice(2)
if (!key || !key.startsWith("pk_")) {
  console.error("usage: npm run checkout-demo -- <publishable key pk_...> [backend url, default http://localhost:9000]")
  console.error("the key: npm run publishable-key")
  process.exit(2)
}

const sdk = new Medusa({ baseUrl, publishableKey: key })
const step = (text) => console.log(`- ${text}`)

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

  await sdk.store.payment.initiatePaymentSession(shipped, { provider_id: "pp_system_default" })
  step("payment session with the system (manual) provider")

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
