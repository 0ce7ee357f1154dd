import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { AxiosInstance } from "axios"
import type { FakeStripe } from "../../tools/fake-stripe/server"
import { DANISH_ADDRESS } from "./customer"
import { STRIPE_PROVIDER_ID } from "../../src/config/payments"

// A storefront's and the staff's side of a Stripe checkout through the HTTP APIs of an in-process Medusa
// (medusaIntegrationTestRunner), for integration-tests/http/stripe-payments.spec.ts.

export const STRIPE_PROVIDER = STRIPE_PROVIDER_ID
const PROCESS_PAYMENT_WORKFLOW = "process-payment-workflow"

const address = DANISH_ADDRESS

export interface StripeCheckout {
  cartId: string
  /** What the customer pays, in DKK. */
  total: number
  sessionId: string
  intentId: string
}

/** Storefront calls with the publishable key; every response is returned, whatever its status. */
export function storefront(api: AxiosInstance, publishableKey: string) {
  const options = { headers: { "x-publishable-api-key": publishableKey }, validateStatus: () => true }
  const call = async (method: "get" | "post", url: string, body?: object) => {
    const response = method === "get" ? await api.get(url, options) : await api.post(url, body ?? {}, options)
    if (response.status >= 300) throw new Error(`${method.toUpperCase()} ${url}: ${JSON.stringify(response.data)}`)
    return response.data
  }

  /** A cart in the region with a product, address and Standard shipping, and a Stripe payment session. */
  async function checkoutWithStripe(regionId: string, fake: FakeStripe): Promise<StripeCheckout> {
    const { products } = await call("get", `/store/products?region_id=${regionId}&fields=*variants.calculated_price`)
    const variant = products.flatMap((p: { variants: { id: string; calculated_price?: unknown }[] }) => p.variants)[0]
    const { cart } = await call("post", "/store/carts", {
      region_id: regionId,
      email: "karen@example.dk",
      shipping_address: address,
      billing_address: address,
    })
    await call("post", `/store/carts/${cart.id}/line-items`, { variant_id: variant.id, quantity: 2 })
    const { shipping_options } = await call("get", `/store/shipping-options?cart_id=${cart.id}`)
    const standard = shipping_options.find((o: { name: string }) => o.name === "Standard")
    const { cart: priced } = await call("post", `/store/carts/${cart.id}/shipping-methods`, { option_id: standard.id })
    const { payment_collection } = await call("post", "/store/payment-collections", { cart_id: cart.id })
    const before = fake.requests.length
    const { payment_collection: withSession } = await call(
      "post",
      `/store/payment-collections/${payment_collection.id}/payment-sessions`,
      { provider_id: STRIPE_PROVIDER }
    )
    const [session] = withSession.payment_sessions
    const created = fake.requests.slice(before).filter((r) => r.path === "/v1/payment_intents")
    if (created.length !== 1) throw new Error(`expected one payment intent, the fake saw ${created.length}`)
    return { cartId: cart.id, total: Number(priced.total), sessionId: session.id, intentId: session.data.id }
  }

  return {
    call,
    checkoutWithStripe,
    complete: (cartId: string) => api.post(`/store/carts/${cartId}/complete`, {}, options),
  }
}

/** Admin API calls with a bearer token. */
export function admin(api: AxiosInstance, token: string) {
  const options = { headers: { authorization: `Bearer ${token}` }, validateStatus: () => true }
  return {
    payment: async (orderId: string) => {
      const fields =
        "id,*payment_collections.payments,*payment_collections.payments.captures,*payment_collections.payments.refunds"
      const { data } = await api.get(`/admin/orders/${orderId}?fields=${fields}`, options)
      const payments = data.order.payment_collections.flatMap((c: { payments: object[] }) => c.payments)
      if (payments.length !== 1) throw new Error(`order ${orderId} has ${payments.length} payments`)
      return payments[0]
    },
    capture: (paymentId: string) => api.post(`/admin/payments/${paymentId}/capture`, {}, options),
    refund: (paymentId: string, amount: number) => api.post(`/admin/payments/${paymentId}/refund`, { amount }, options),
  }
}

/** The ids of the orders placed from a cart (Medusa's order_cart link). */
export async function ordersOfCart(container: MedusaContainer, cartId: string): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } })
  return data.map((row: { order_id: string }) => row.order_id)
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Watches the app's event bus and workflow engine: the events emitted, and the runs of process-payment-workflow,
 * which Medusa's payment webhook subscriber starts once a queued webhook's delay is over. A test can then wait
 * until every delivered webhook has been handled instead of guessing a time.
 */
export function watchPaymentWebhooks(container: MedusaContainer) {
  const emit = jest.spyOn(container.resolve(Modules.EVENT_BUS), "emit")
  const run = jest.spyOn(container.resolve(Modules.WORKFLOW_ENGINE), "run")
  const processPaymentRuns = () =>
    run.mock.calls.flatMap(([workflowId], i) =>
      workflowId === PROCESS_PAYMENT_WORKFLOW ? [run.mock.results[i].value as Promise<unknown>] : []
    )
  return {
    /** Names of the events emitted since the last reset. */
    emitted: () =>
      emit.mock.calls.flatMap(([events]) => (Array.isArray(events) ? events : [events]).map((e) => e.name)),
    /** Waits until `count` webhooks have been handled since the last reset, and until they have finished. */
    handled: async (count: number) => {
      await waitFor(`${count} runs of ${PROCESS_PAYMENT_WORKFLOW}`, async () =>
        processPaymentRuns().length >= count ? true : undefined
      )
      const settled = await Promise.allSettled(processPaymentRuns())
      if (settled.length !== count) throw new Error(`${settled.length} webhooks were handled, not ${count}`)
      return settled
    },
    reset: () => {
      emit.mockClear()
      run.mockClear()
    },
  }
}
