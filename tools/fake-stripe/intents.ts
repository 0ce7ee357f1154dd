import { randomBytes } from "node:crypto"
import {
  FakeCustomers,
  FakePaymentMethodType,
  Obj,
  StripeApiError,
  amountParam,
  clone,
  invalid,
  missing,
  newId,
  now,
} from "./customers"

// Payment intents and refunds of the fake Stripe API (tools/fake-stripe/server.ts), with Stripe's
// state rules: an intent starts at requires_payment_method, only requires_capture can be captured, and a
// captured or canceled intent cannot be captured, canceled or changed again.

export type ConfirmOutcome = "requires_capture" | "succeeded" | "requires_action"

const CONFIRMABLE = ["requires_payment_method", "requires_confirmation", "requires_action"]

/** The event Stripe sends when an intent reaches a status. */
const EVENT_OF_STATUS: Record<string, string> = {
  requires_capture: "payment_intent.amount_capturable_updated",
  succeeded: "payment_intent.succeeded",
  canceled: "payment_intent.canceled",
  requires_action: "payment_intent.requires_action",
}

/** How long the fake MobilePay customer takes to approve in the app. */
const APP_APPROVAL_MS = 1000

export class FakePaymentIntents {
  readonly intents = new Map<string, Obj>()
  readonly refunds: Obj[] = []
  readonly captureCounts = new Map<string, number>()

  constructor(
    private readonly customers: FakeCustomers,
    private readonly baseUrl: () => string,
    /** Called with the event type and the intent (as a webhook carries it) after each status change. */
    private readonly emit: (type: string, intent: Obj) => void = () => undefined
  ) {}

  private changed(intent: Obj): void {
    const type = EVENT_OF_STATUS[intent.status]
    if (type) this.emit(type, this.view(intent, []))
  }

  intent(id: string): Obj {
    const intent = this.intents.get(id)
    if (!intent) throw missing("payment_intent", id)
    return intent
  }

  /** Stripe returns payment_method as an id unless the request expands it. */
  view(intent: Obj, expand: unknown): Obj {
    const expanded = Array.isArray(expand) && expand.includes("payment_method") && intent.payment_method
    return clone(expanded ? { ...intent, payment_method: this.customers.paymentMethod(intent.payment_method) } : intent)
  }

  private unexpectedState(intent: Obj, action: string): StripeApiError {
    const message = `This PaymentIntent's ${action} could not be performed because it has a status of ${intent.status}.`
    return invalid("payment_intent_unexpected_state", message, { payment_intent: this.view(intent, []) })
  }

  create(p: Obj): Obj {
    const amount = amountParam(p, "amount")
    if (!p.currency) throw invalid("parameter_missing", "Missing required param: currency.", { param: "currency" })
    if (p.customer) this.customers.customer(p.customer)
    const id = newId("pi")
    const automatic = p.automatic_payment_methods?.enabled === "true"
    const intent = {
      id,
      object: "payment_intent",
      amount,
      amount_capturable: 0,
      amount_received: 0,
      currency: String(p.currency).toLowerCase(),
      status: "requires_payment_method",
      capture_method: p.capture_method ?? "automatic",
      client_secret: `${id}_secret_${randomBytes(12).toString("hex")}`,
      automatic_payment_methods: p.automatic_payment_methods ? { enabled: automatic } : null,
      // The fake account has cards and MobilePay enabled in its Dashboard.
      payment_method_types: p.payment_method_types ?? (automatic ? ["card", "mobilepay"] : ["card"]),
      customer: p.customer ?? null,
      description: p.description ?? null,
      metadata: p.metadata ?? {},
      payment_method: null,
      last_payment_error: null,
      next_action: null,
      return_url: p.return_url ?? null,
      canceled_at: null,
      cancellation_reason: null,
      created: now(),
      livemode: false,
    }
    this.intents.set(id, intent)
    return this.view(intent, p.expand)
  }

  update(id: string, p: Obj): Obj {
    const intent = this.intent(id)
    if (!CONFIRMABLE.includes(intent.status)) throw this.unexpectedState(intent, "update")
    if (p.amount !== undefined) intent.amount = amountParam(p, "amount")
    if (p.metadata) intent.metadata = { ...intent.metadata, ...p.metadata }
    if (p.description !== undefined) intent.description = p.description
    return this.view(intent, p.expand)
  }

  capture(id: string, p: Obj): Obj {
    const intent = this.intent(id)
    if (intent.status !== "requires_capture") throw this.unexpectedState(intent, "capture")
    const amount = p.amount_to_capture === undefined ? intent.amount_capturable : amountParam(p, "amount_to_capture")
    if (amount > intent.amount_capturable) {
      throw invalid("amount_too_large", "The amount to capture exceeds the amount capturable.", { param: "amount" })
    }
    Object.assign(intent, { status: "succeeded", amount_received: amount, amount_capturable: 0 })
    this.captureCounts.set(id, (this.captureCounts.get(id) ?? 0) + 1)
    this.changed(intent)
    return this.view(intent, p.expand)
  }

  cancel(id: string, p: Obj): Obj {
    const intent = this.intent(id)
    if (intent.status === "succeeded" || intent.status === "canceled") throw this.unexpectedState(intent, "cancel")
    const reason = p.cancellation_reason ?? null
    Object.assign(intent, { status: "canceled", canceled_at: now(), cancellation_reason: reason, amount_capturable: 0 })
    this.changed(intent)
    return this.view(intent, p.expand)
  }

  refund(p: Obj): Obj {
    if (!p.payment_intent) throw invalid("parameter_missing", "Missing required param: payment_intent.")
    const intent = this.intent(p.payment_intent)
    if (intent.status !== "succeeded") throw this.unexpectedState(intent, "refund")
    const refunded = this.refunds.filter((r) => r.payment_intent === intent.id).reduce((sum, r) => sum + r.amount, 0)
    const remaining = intent.amount_received - refunded
    if (remaining <= 0) {
      throw invalid("charge_already_refunded", `PaymentIntent ${intent.id} has already been refunded.`)
    }
    const amount = p.amount === undefined ? remaining : amountParam(p, "amount")
    if (amount > remaining) {
      throw invalid("amount_too_large", `Refund amount (${amount}) is greater than unrefunded amount (${remaining}).`)
    }
    const refund = {
      id: newId("re"),
      object: "refund",
      amount,
      currency: intent.currency,
      payment_intent: intent.id,
      status: "succeeded",
      reason: p.reason ?? null,
      metadata: p.metadata ?? {},
      created: now(),
    }
    this.refunds.push(refund)
    return clone(refund)
  }

  /** The customer pays; the result has payment_method as an id, as in a webhook event. */
  confirm(intentId: string, outcome: ConfirmOutcome, method: FakePaymentMethodType = "card"): Obj {
    const intent = this.intents.get(intentId)
    if (!intent) throw new Error(`fake Stripe: no payment intent ${intentId}`)
    if (!CONFIRMABLE.includes(intent.status)) {
      throw new Error(`fake Stripe: ${intentId} has status ${intent.status} and cannot be confirmed`)
    }
    const manual = intent.capture_method === "manual"
    if ((outcome === "requires_capture" && !manual) || (outcome === "succeeded" && manual)) {
      throw new Error(`fake Stripe: an intent with capture_method ${intent.capture_method} cannot become ${outcome}`)
    }
    const paymentMethod = this.customers.addPaymentMethod(method, intent.customer)
    // MobilePay sends the customer to the app; a card asks for 3-D Secure in the page.
    const nextAction =
      method === "mobilepay"
        ? {
            type: "redirect_to_url",
            redirect_to_url: { url: `${this.baseUrl()}/redirect/${intentId}`, return_url: intent.return_url },
          }
        : { type: "use_stripe_sdk", use_stripe_sdk: {} }
    Object.assign(intent, {
      status: outcome,
      payment_method: paymentMethod.id,
      next_action: outcome === "requires_action" ? nextAction : null,
      amount_capturable: outcome === "requires_capture" ? intent.amount : 0,
      amount_received: outcome === "succeeded" ? intent.amount : 0,
    })
    this.changed(intent)
    return this.view(intent, [])
  }

  /**
   * POST /v1/payment_intents/:id/confirm as Stripe.js sends it from the browser (publishable key and the
   * intent's client secret): a card pays at once; MobilePay goes to the app first (requires_action) and is
   * approved there a moment later, which only the webhook tells the shop.
   */
  confirmFromBrowser(id: string, p: Obj): Obj {
    const intent = this.intent(id)
    if (p.client_secret !== intent.client_secret) {
      throw invalid("payment_intent_authentication_failure", "The client_secret does not match this PaymentIntent.")
    }
    const method: FakePaymentMethodType = p.payment_method_data?.type === "mobilepay" ? "mobilepay" : "card"
    const paid: ConfirmOutcome = intent.capture_method === "manual" ? "requires_capture" : "succeeded"
    if (method === "card") return this.confirm(id, paid, method)
    const pending = this.confirm(id, "requires_action", method)
    setTimeout(() => this.confirm(id, paid, method), APP_APPROVAL_MS).unref()
    return pending
  }
}
