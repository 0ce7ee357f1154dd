/**
 * A storefront's checkout through the real client, @medusajs/js-sdk, against
 * the built shop the global setup runs (server + worker, seeded by npm run
 * seed, publishable key from npm run publishable-key). Then the worker's duty
 * for the order: exactly one confirmation, logged by the worker (no SendGrid
 * here: EMAIL_LOG_ONLY) and recorded as not sent, then listed by
 * npm run send-confirmations.
 */
import { execFile, spawnSync } from "node:child_process"
import { promisify } from "node:util"
import Medusa, { FetchError } from "@medusajs/js-sdk"
import { DENMARK_REGION } from "../../src/scripts/lib/minimal-store"
import { STOCKED_QUANTITY } from "../../src/scripts/lib/catalogue-data"
import { orderConfirmationKey } from "../../src/workflows/send-order-confirmation"
import { sql as shopSql } from "./lib/database"
import { logOf, REPO, runningShop, waitFor } from "./lib/shop"
import { confirmLikeStripeJs, STRIPE_PROVIDER } from "./lib/stripe"
import { DANISH_ADDRESS } from "../helpers/customer"

jest.setTimeout(5 * 60 * 1000)

const shop = runningShop()
const sdk = new Medusa({ baseUrl: shop.serverUrl, publishableKey: shop.publishableKey })

const address = DANISH_ADDRESS

const sql = <T>(text: string, values: unknown[]) => shopSql<T>(shop, text, values)

/** The HTTP status of a rejected js-sdk call (FetchError), or a failure when it succeeded. */
async function statusOfFailure(call: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await call
  } catch (error) {
    if (error instanceof FetchError) {
      return { status: error.status ?? 0, message: error.message }
    }
    throw error
  }
  throw new Error("the call succeeded but should have been refused")
}

describe("storefront checkout through @medusajs/js-sdk", () => {
  let regionId: string
  let variantId: string
  let orderId: string
  /** Where the services' logs stood when the checkout began. */
  let logsBefore: { server: number; worker: number }

  it("lists the regions and finds Danmark in DKK", async () => {
    const { regions } = await sdk.store.region.list()
    const denmark = regions.find((r) => r.name === DENMARK_REGION)
    expect(denmark).toMatchObject({ currency_code: "dkk" })
    expect(regions.map((r) => r.currency_code).sort()).toEqual(["dkk", "eur"])
    regionId = denmark!.id
  })

  it("lists the seeded products with DKK prices and opens one", async () => {
    const { products, count } = await sdk.store.product.list({
      region_id: regionId,
      limit: 50,
      fields: "*variants.calculated_price",
    })
    expect(count).toBeGreaterThanOrEqual(12)
    const listed = products.find((p) => (p.variants?.length ?? 0) > 1) ?? products[0]

    const { product } = await sdk.store.product.retrieve(listed.id, {
      region_id: regionId,
      fields: "*variants.calculated_price,*variants.inventory_quantity",
    })
    expect(product.title).toBe(listed.title)
    const variant = product.variants![0]
    expect(variant.calculated_price).toMatchObject({ currency_code: "dkk", calculated_amount: expect.any(Number) })
    expect(variant.sku).toBeTruthy()
    variantId = variant.id
  })

  it("creates a cart in the DK region, adds the variant and sets email and addresses", async () => {
    logsBefore = { server: logOf(shop.logs.server).length, worker: logOf(shop.logs.worker).length }
    const { cart: created } = await sdk.store.cart.create({ region_id: regionId })
    expect(created.currency_code).toBe("dkk")
    await sdk.store.cart.createLineItem(created.id, { variant_id: variantId, quantity: 2 })
    const { cart } = await sdk.store.cart.update(created.id, {
      email: "karen@example.dk",
      shipping_address: address,
      billing_address: address,
    })
    expect(cart.items).toHaveLength(1)
    expect(cart.items![0]).toMatchObject({ variant_id: variantId, quantity: 2 })
    expect(cart.shipping_address).toMatchObject({ city: "København V", country_code: "dk" })

    // Shipping: the seeded Standard option for Denmark.
    const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: cart.id })
    expect(shipping_options.map((o) => o.name).sort()).toEqual(["Express", "Standard"])
    const standard = shipping_options.find((o) => o.name === "Standard")!
    const { cart: withShipping } = await sdk.store.cart.addShippingMethod(cart.id, { option_id: standard.id })
    expect(withShipping.shipping_methods).toHaveLength(1)

    // Payment: in production the seed offers Stripe only (no order without payment),
    // paid by card as Stripe.js confirms it in the browser.
    const { payment_providers } = await sdk.store.payment.listPaymentProviders({ region_id: regionId })
    expect(payment_providers.map((p) => p.id)).toEqual([STRIPE_PROVIDER])
    const { payment_collection } = await sdk.store.payment.initiatePaymentSession(withShipping, {
      provider_id: STRIPE_PROVIDER,
    })
    const session = payment_collection.payment_sessions?.find((s) => s.provider_id === STRIPE_PROVIDER)
    const intent = session?.data as { id: string; client_secret: string }
    expect(await confirmLikeStripeJs(shop, intent, "card")).toMatchObject({ status: "requires_capture" })

    const completed = await sdk.store.cart.complete(cart.id)
    if (completed.type !== "order") {
      throw new Error(`cart completion returned a cart, not an order: ${JSON.stringify(completed.error)}`)
    }
    expect(completed.order).toMatchObject({ email: "karen@example.dk", currency_code: "dkk" })
    expect(completed.order.items).toHaveLength(1)
    expect(Number(completed.order.total)).toBeGreaterThan(0)
    // Prices include 25 % moms, so the order's tax is a fifth of what the customer pays.
    expect(Number(completed.order.tax_total)).toBeCloseTo(Number(completed.order.total) / 5, 1)
    orderId = completed.order.id
  })

  it("has the worker log exactly one order confirmation (EMAIL_LOG_ONLY), recorded as not sent, and the server none", async () => {
    expect(orderId).toBeDefined()
    // Every confirmation row of the order, whatever its key, once none is pending.
    const rows = await waitFor(
      "the order confirmation notification",
      async () => {
        const found = await sql<{
          status: string
          channel: string
          to: string
          provider_id: string
          idempotency_key: string
        }>(`SELECT status, channel, "to", provider_id, idempotency_key FROM notification WHERE resource_id = $1`, [
          orderId,
        ])
        return found.length && found.every((r) => r.status !== "pending") ? found : undefined
      },
      60_000
    )
    // The email-log provider's "success": logged, which the shop counts as not sent.
    expect(rows).toEqual([
      {
        status: "success",
        channel: "email",
        to: "karen@example.dk",
        provider_id: "email-log",
        idempotency_key: orderConfirmationKey(orderId),
      },
    ])
    const loggedLine = `order confirmation: order ${orderId} for k***@example.dk only logged via email-log, recorded as not sent`
    const workerLog = await waitFor(
      "the worker's log line",
      async () => (logOf(shop.logs.worker).includes(loggedLine) ? logOf(shop.logs.worker) : undefined),
      30_000
    )
    expect(workerLog.split(loggedLine).length - 1).toBe(1)
    expect(workerLog).toMatch(
      new RegExp(
        `order confirmation: order ${orderId} for k\\*\\*\\*@example.dk only logged via email-log, recorded as not sent .*worker mode`
      )
    )
    expect(workerLog).toContain(
      "[config] warning: EMAIL_LOG_ONLY=true: order confirmations are only written to the worker's log (recorded as not sent), no customer gets an email"
    )
    expect(logOf(shop.logs.server)).not.toContain("order confirmation:")
    // The email is logged, its recipient masked, no body.
    // (production logs are JSON, so the subject's quotes arrive escaped)
    expect(workerLog).toMatch(
      /email \(not sent, SENDGRID_API_KEY not set\): to k\*\*\*@example\.dk, subject \\?"Tak for din ordre #\d+/
    )
    expect(workerLog).not.toContain("karen@example.dk")
  })

  it("keeps the catalogue cached through the checkout: no event of the cart, its payment or its order drops it all", () => {
    expect(orderId).toBeDefined()
    const since = logOf(shop.logs.server).slice(logsBefore.server) + logOf(shop.logs.worker).slice(logsBefore.worker)
    const everything = [...since.matchAll(/\[store-cache\] everything invalidated: ([^"]*)/g)].map((m) => m[1])
    expect(everything).toEqual([])
  })

  it("lists the order as not sent with npm run send-confirmations, and sends nothing without an email provider", () => {
    const command = (args: string[]) =>
      spawnSync("npm", ["run", "--silent", "send-confirmations", ...args], {
        cwd: REPO,
        env: shop.env,
        encoding: "utf8",
      })
    const dryRun = command(["--", "--dry-run"])
    expect(dryRun.status).toBe(0)
    expect(dryRun.stdout).toMatch(
      new RegExp(
        `^order #\\d+ \\(${orderId}\\), k\\*\\*\\*@example\\.dk: only logged \\(no email provider then\\)$`,
        "m"
      )
    )
    expect(dryRun.stdout).toMatch(
      /^send-confirmations: \d+ order\(s\) whose confirmation was not sent; dry run, nothing sent$/m
    )
    expect(dryRun.stdout + dryRun.stderr).not.toContain("karen@example.dk")

    const send = command([])
    expect(send.status).toBe(1)
    expect(send.stdout).toMatch(
      /nothing sent: no email provider is configured \(email-log\); set SENDGRID_API_KEY and SENDGRID_FROM/
    )
  })

  it("completes the README's checkout demo (npm run checkout-demo) with the printed key, paying by card", async () => {
    const args = [shop.publishableKey, shop.serverUrl, "--pay", "card", "--stripe-api", shop.stripe.url]
    // Not spawnSync: the fake Stripe API answers from this very process, which must not block.
    const demo = await promisify(execFile)(
      "npm",
      ["run", "--silent", "checkout-demo", "--", ...args, "--stripe-key", shop.stripe.publishableKey],
      { cwd: REPO, encoding: "utf8" }
    ).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error
    )
    expect(demo.stderr).not.toMatch(/checkout failed/)
    expect(demo.code).toBe(0)
    const placed = demo.stdout.match(/order #\d+ placed \((order_[0-9A-Z]+)\)/)
    expect(placed).not.toBeNull()
    const confirmation = await waitFor(
      "the demo order's confirmation",
      async () => {
        const rows = await sql<{ status: string }>(`SELECT status FROM notification WHERE resource_id = $1`, [
          placed![1],
        ])
        // The row is written "pending" before the provider is called.
        return rows.length && rows.every((r) => r.status !== "pending") ? rows : undefined
      },
      60_000
    )
    expect(confirmation).toEqual([{ status: "success" }])
  })

  it("refuses the Store API without a publishable key with a clear 400", async () => {
    const response = await fetch(`${shop.serverUrl}/store/products`)
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(body.message).toMatch(/publishable/i)
  })

  it("refuses an out-of-stock quantity with a 4xx, never a 5xx", async () => {
    const { cart } = await sdk.store.cart.create({ region_id: regionId })
    const refused = await statusOfFailure(
      sdk.store.cart.createLineItem(cart.id, { variant_id: variantId, quantity: STOCKED_QUANTITY * 10 })
    )
    expect(refused.status).toBeGreaterThanOrEqual(400)
    expect(refused.status).toBeLessThan(500)
    expect(refused.message).toMatch(/inventory/i)
    const { cart: unchanged } = await sdk.store.cart.retrieve(cart.id)
    expect(unchanged.items ?? []).toHaveLength(0)
  })
})
