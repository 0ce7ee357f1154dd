import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import Stripe from "stripe"
import { STRIPE_PROVIDER_ID } from "../../../config/payments"
import { stripeWebhookSecret } from "../../../lib/stripe-webhook-secret"

/** /hooks/payment/pp_stripe_stripe, or without the "pp_" as Medusa also accepts. */
const STRIPE_PROVIDER_IN_PATH = new RegExp(`/(pp_)?${STRIPE_PROVIDER_ID.replace(/^pp_/, "")}/?$`)

/**
 * Checks the Stripe-Signature of a webhook before Medusa's route queues it.
 * Medusa's own route answers 200 to any body and checks the signature only in
 * the worker, so a forged or garbled request would be accepted, queued and
 * retried there; here it gets a 400 and nothing is queued. Stripe retries a
 * genuine delivery that failed, so nothing real is lost by refusing early.
 * A webhook for any other provider name gets a 404.
 */
export function verifyStripeSignature(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): void {
  if (!STRIPE_PROVIDER_IN_PATH.test(req.originalUrl.split("?")[0])) {
    // Medusa would queue any body for any name; Stripe is the only provider here that sends webhooks.
    res.status(404).json({ type: "not_found", message: "No payment provider by that name takes webhooks here" })
    return
  }
  const secret = stripeWebhookSecret(req.scope.resolve(ContainerRegistrationKeys.CONFIG_MODULE))
  if (!secret) {
    res.status(404).json({ type: "not_found", message: "Stripe is not configured on this server" })
    return
  }
  const signature = req.headers["stripe-signature"]
  const rawBody = (req as MedusaRequest & { rawBody?: Buffer }).rawBody
  if (typeof signature !== "string" || !rawBody) {
    res
      .status(400)
      .json({ type: "invalid_data", message: "a Stripe webhook needs its raw body and a Stripe-Signature header" })
    return
  }
  try {
    Stripe.webhooks.constructEvent(rawBody, signature, secret)
  } catch {
    res.status(400).json({ type: "invalid_data", message: "the Stripe-Signature header does not match the body" })
    return
  }
  next()
}
