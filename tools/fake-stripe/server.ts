import http from "node:http"
import type { AddressInfo } from "node:net"
import qs from "qs"
import { FakeCustomers, FakePaymentMethodType, Obj, StripeApiError, newId } from "./customers"
import { ConfirmOutcome, FakePaymentIntents } from "./intents"
import { paymentIntentEvent, signedWebhook } from "./webhooks"

// A local, in-memory stand-in for the parts of the Stripe API that Medusa's Stripe provider calls; point the
// provider at it with src/internals/stripe-api-host.js. It keeps Stripe's state rules, error shapes,
// authentication and idempotency semantics, so the provider behaves as it does against Stripe.

export interface FakeStripeRequest {
  method: string
  /** Without the query string, e.g. /v1/payment_intents/pi_fake…/capture */
  path: string
  /** Query and form body, parsed into nested objects; values stay strings, as sent. */
  params: Obj
  idempotencyKey?: string
}

export interface FakeStripe {
  /** e.g. http://127.0.0.1:12345, for TEST_STRIPE_API_URL */
  url: string
  requests: FakeStripeRequest[]
  intents: Map<string, Obj>
  refunds: Obj[]
  /** The customer pays (card, or approval in the MobilePay app); returns the intent as a webhook carries it. */
  confirm(intentId: string, outcome: ConfirmOutcome, method?: FakePaymentMethodType): Obj
  /** How many capture calls succeeded for the intent. */
  captures(intentId: string): number
  close(): Promise<void>
}

export interface FakeStripeOptions {
  /** 0 (any free port) unless given; npm run dev uses a fixed one. */
  port?: number
  /** Where to post signed events after each status change, as a Stripe webhook endpoint does. */
  webhook?: { url: string; secret: string }
}

interface Reply {
  status: number
  body: Obj
  replayed?: boolean
}
type Route = [method: string, path: RegExp, handler: (id: string, params: Obj) => Obj]

/**
 * GET /_fake/intents/:id → { intent, captures, refunds, deliveries }: the fake's record of one payment intent, for
 * tests only (see inspect below); Stripe has no such endpoint.
 */
const INSPECT_INTENT = /^\/_fake\/intents\/([^/]+)$/

/** The one call a browser makes with the publishable key (Stripe.js confirming the payment). */
const BROWSER_CONFIRM = /^\/v1\/payment_intents\/([^/]+)\/confirm$/

function routes(intents: FakePaymentIntents, customers: FakeCustomers): Route[] {
  return [
    ["POST", /^\/v1\/payment_intents$/, (_, p) => intents.create(p)],
    ["GET", /^\/v1\/payment_intents\/([^/]+)$/, (id, p) => intents.view(intents.intent(id), p.expand)],
    ["POST", /^\/v1\/payment_intents\/([^/]+)$/, (id, p) => intents.update(id, p)],
    ["POST", /^\/v1\/payment_intents\/([^/]+)\/capture$/, (id, p) => intents.capture(id, p)],
    ["POST", /^\/v1\/payment_intents\/([^/]+)\/cancel$/, (id, p) => intents.cancel(id, p)],
    ["POST", BROWSER_CONFIRM, (id, p) => intents.confirmFromBrowser(id, p)],
    ["POST", /^\/v1\/refunds$/, (_, p) => intents.refund(p)],
    ["POST", /^\/v1\/customers$/, (_, p) => customers.saveCustomer(newId("cus"), p)],
    ["GET", /^\/v1\/customers\/([^/]+)$/, (id) => customers.customer(id)],
    ["POST", /^\/v1\/customers\/([^/]+)$/, (id, p) => customers.saveCustomer(customers.customer(id).id, p)],
    ["DELETE", /^\/v1\/customers\/([^/]+)$/, (id) => customers.deleteCustomer(id)],
    ["GET", /^\/v1\/customers\/([^/]+)\/payment_methods$/, (id) => customers.listPaymentMethods(id)],
    ["GET", /^\/v1\/payment_methods\/([^/]+)$/, (id) => customers.paymentMethod(id)],
    ["POST", /^\/v1\/payment_methods\/([^/]+)\/detach$/, (id) => customers.detachPaymentMethod(id)],
  ]
}

function dispatch(table: Route[], method: string, path: string, params: Obj): Reply {
  try {
    for (const [routeMethod, pattern, handler] of table) {
      const match = method === routeMethod ? pattern.exec(path) : null
      if (match) return { status: 200, body: handler(match[1], params) }
    }
    const message = `Unrecognized request URL (${method}: ${path}); the fake Stripe API does not implement it.`
    return { status: 404, body: { error: { type: "invalid_request_error", message } } }
  } catch (e) {
    if (e instanceof StripeApiError) return { status: e.status, body: { error: e.error } }
    throw e
  }
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const customers = new FakeCustomers()
  const deliveries: Array<{ type: string; intent: string; status: number }> = []
  const deliver = (type: string, intent: Obj) => {
    const webhook = options.webhook
    if (!webhook) return
    const { body, headers } = signedWebhook(webhook.secret, paymentIntentEvent(type, intent))
    fetch(webhook.url, { method: "POST", headers, body })
      .then((response) => deliveries.push({ type, intent: intent.id, status: response.status }))
      .catch(() => deliveries.push({ type, intent: intent.id, status: 0 }))
  }
  const intents = new FakePaymentIntents(customers, () => url, deliver)
  const table = routes(intents, customers)
  const requests: FakeStripeRequest[] = []
  // Stripe semantics: a POST's Idempotency-Key replays the first response for the same endpoint and parameters,
  // and is an idempotency_error for any other request.
  const stored = new Map<string, { fingerprint: string; reply: Reply }>()

  const handle = (method: string, path: string, params: Obj, key?: string, auth?: string): Reply => {
    const browser = method === "POST" && BROWSER_CONFIRM.test(path) && /^Bearer pk_test_\S+$/.test(auth ?? "")
    if (!browser && !/^Bearer sk_test_\S+$/.test(auth ?? "")) {
      const message = "Invalid API Key provided: the fake Stripe API takes only sk_test_ keys as a Bearer token."
      return { status: 401, body: { error: { type: "invalid_request_error", message } } }
    }
    if (method !== "POST" || !key) return dispatch(table, method, path, params)
    const fingerprint = JSON.stringify([method, path, params])
    const previous = stored.get(key)
    if (previous && previous.fingerprint === fingerprint) return { ...previous.reply, replayed: true }
    if (previous) {
      const message = `Keys for idempotent requests can only be used for the same endpoint and parameters; '${key}' was first used for another request.`
      return { status: 400, body: { error: { type: "idempotency_error", message } } }
    }
    const reply = dispatch(table, method, path, params)
    stored.set(key, { fingerprint, reply })
    return reply
  }

  // Test-only inspection for tests that run in another process than the fake (e2e specs): no authentication, not
  // part of Stripe's API, and not recorded in `requests`.
  const inspect = (path: string): Reply | undefined => {
    const id = INSPECT_INTENT.exec(path)?.[1]
    if (!id) return undefined
    const intent = intents.intents.get(id)
    if (!intent) return { status: 404, body: { error: { message: `fake Stripe: no payment intent ${id}` } } }
    return {
      status: 200,
      body: {
        intent: intents.view(intent, []),
        captures: intents.captureCounts.get(id) ?? 0,
        refunds: intents.refunds.filter((r) => r.payment_intent === id),
        deliveries: deliveries.filter((d) => d.intent === id),
      },
    }
  }

  const server = http.createServer((req, res) => {
    const inspection =
      req.method === "GET" ? inspect(new URL(req.url ?? "/", "http://fake-stripe").pathname) : undefined
    if (inspection) {
      res.writeHead(inspection.status, { "content-type": "application/json" })
      res.end(JSON.stringify(inspection.body))
      return
    }
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      const target = new URL(req.url ?? "/", "http://fake-stripe")
      const params: Obj = { ...qs.parse(target.search.slice(1)), ...qs.parse(Buffer.concat(chunks).toString()) }
      const method = req.method ?? "GET"
      const header = req.headers["idempotency-key"]
      const idempotencyKey = Array.isArray(header) ? header[0] : header
      requests.push({ method, path: target.pathname, params, idempotencyKey })
      const reply = handle(method, target.pathname, params, idempotencyKey, req.headers.authorization)
      res.writeHead(reply.status, {
        "content-type": "application/json",
        "request-id": `req_fake${requests.length}`,
        ...(reply.replayed ? { "idempotent-replayed": "true" } : {}),
      })
      res.end(JSON.stringify(reply.body))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve())
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url,
    requests,
    intents: intents.intents,
    refunds: intents.refunds,
    confirm: (intentId, outcome, method) => intents.confirm(intentId, outcome, method),
    captures: (intentId) => intents.captureCounts.get(intentId) ?? 0,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // The SDK's keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections()
      }),
  }
}
