import { randomBytes } from "node:crypto"

// Shared pieces of the fake Stripe API (tools/fake-stripe/server.ts): Stripe's error shape, ids,
// and the customer and payment-method resources.

export type Obj = Record<string, any>
export type FakePaymentMethodType = "card" | "mobilepay"

/** Thrown by a resource handler; the server answers with `status` and `{ error }`, as Stripe does. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: Obj
  ) {
    super(error.message)
  }
}

export const now = () => Math.floor(Date.now() / 1000)
export const newId = (prefix: string) => `${prefix}_fake${randomBytes(8).toString("hex")}`
export const clone = (value: Obj) => structuredClone(value)

export const missing = (kind: string, id: string) =>
  new StripeApiError(404, {
    type: "invalid_request_error",
    code: "resource_missing",
    message: `No such ${kind}: '${id}'`,
  })

export const invalid = (code: string, message: string, extra: Obj = {}) =>
  new StripeApiError(400, { type: "invalid_request_error", code, message, ...extra })

/** A form-encoded amount in the smallest currency unit. */
export function amountParam(params: Obj, name: string): number {
  if (params[name] === undefined) {
    throw invalid("parameter_missing", `Missing required param: ${name}.`, { param: name })
  }
  const amount = Number(params[name])
  if (!Number.isInteger(amount) || amount < 1) {
    throw invalid("parameter_invalid_integer", `Invalid positive integer: ${name}`, { param: name })
  }
  return amount
}

export class FakeCustomers {
  readonly customers = new Map<string, Obj>()
  readonly paymentMethods = new Map<string, Obj>()

  customer(id: string): Obj {
    const customer = this.customers.get(id)
    if (!customer) throw missing("customer", id)
    return customer
  }

  /** Creates (unknown id) or updates a customer; metadata merges like Stripe's. */
  saveCustomer(id: string, p: Obj): Obj {
    const base = this.customers.get(id) ?? { id, object: "customer", created: now(), livemode: false, metadata: {} }
    const { expand: _expand, ...fields } = p
    const customer = { ...base, ...fields, metadata: { ...base.metadata, ...fields.metadata } }
    this.customers.set(id, customer)
    return clone(customer)
  }

  deleteCustomer(id: string): Obj {
    this.customer(id)
    this.customers.delete(id)
    return { id, object: "customer", deleted: true }
  }

  listPaymentMethods(customerId: string): Obj {
    this.customer(customerId)
    const data = [...this.paymentMethods.values()].filter((pm) => pm.customer === customerId).map(clone)
    return { object: "list", data, has_more: false, url: `/v1/customers/${customerId}/payment_methods` }
  }

  paymentMethod(id: string): Obj {
    const paymentMethod = this.paymentMethods.get(id)
    if (!paymentMethod) throw missing("payment_method", id)
    return clone(paymentMethod)
  }

  detachPaymentMethod(id: string): Obj {
    const paymentMethod = this.paymentMethods.get(id)
    if (!paymentMethod) throw missing("payment_method", id)
    paymentMethod.customer = null
    return clone(paymentMethod)
  }

  /** The method a customer pays with: a test Visa card, or the MobilePay wallet. */
  addPaymentMethod(type: FakePaymentMethodType, customer: string | null): Obj {
    const paymentMethod = {
      id: newId("pm"),
      object: "payment_method",
      type,
      ...(type === "card" ? { card: { brand: "visa", last4: "4242", exp_month: 12, exp_year: 2034 } } : {}),
      ...(type === "mobilepay" ? { mobilepay: {} } : {}),
      customer,
      created: now(),
      livemode: false,
    }
    this.paymentMethods.set(paymentMethod.id, paymentMethod)
    return paymentMethod
  }
}
