import type { Env } from "./env"
import { ConfigError, configWarning, type ConfigWarning } from "./errors"
import type { ModuleDeclaration } from "./modules"

/**
 * How customers pay. With STRIPE_API_KEY and STRIPE_WEBHOOK_SECRET, Medusa's
 * own Stripe provider (`pp_stripe_stripe`, webhook route
 * `/hooks/payment/stripe_stripe`) next to the manual provider Medusa always
 * has; without them, the manual provider only (development).
 *
 * Both services need both keys: the server takes the webhook and queues an
 * event, the worker handles it (checks the signature, completes the cart,
 * captures), and the worker captures and refunds when staff ask.
 *
 * Choices:
 * - Stripe's automatic payment methods: the storefront's Payment Element
 *   offers what is switched on in the Stripe Dashboard, which for a Danish
 *   shop is cards and MobilePay (DKK, and EUR for the EU region). No code
 *   names a method, so switching one on or off needs no deploy.
 * - Capture when the order ships, not when it is placed: Danish rules for
 *   distance selling let a shop charge the card only once the goods are sent,
 *   and a cancelled order then needs no refund. An order authorises the
 *   payment; staff capture it in the admin when they ship. Card and MobilePay
 *   authorisations last 7 days, which the shop's dispatch time is well inside.
 */
export interface PaymentSettings {
  /** The payment module with the Stripe provider; undefined keeps Medusa's default (manual only). */
  module?: ModuleDeclaration
  stripe?: { mode: "test" | "live" }
  summary: string
  warnings: ConfigWarning[]
}

/** The id the Stripe provider is declared with below; Medusa names it pp_stripe_<id>. */
export const STRIPE_CONFIG_ID = "stripe"
export const STRIPE_PROVIDER_ID = `pp_stripe_${STRIPE_CONFIG_ID}`

const SECRET_KEY = /^(sk|rk)_(test|live)_[A-Za-z0-9]+$/
const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/=]+$/

export function paymentSettings(
  env: Pick<Env, "STRIPE_API_KEY" | "STRIPE_WEBHOOK_SECRET">,
  { production }: { production: boolean }
): PaymentSettings {
  const apiKey = env.STRIPE_API_KEY
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET
  if (!apiKey && !webhookSecret) {
    return {
      summary: "payments: manual provider only (STRIPE_API_KEY not set)",
      warnings: production
        ? [
            configWarning(
              "no Stripe: customers can only pay with the manual provider, no money is taken",
              "set STRIPE_API_KEY and STRIPE_WEBHOOK_SECRET on the server and the worker service (Stripe Dashboard → Developers)"
            ),
          ]
        : [],
    }
  }
  if (!apiKey) {
    throw new ConfigError(
      "STRIPE_API_KEY",
      "is required when STRIPE_WEBHOOK_SECRET is set: the secret key (sk_…) from Stripe Dashboard → Developers → API keys"
    )
  }
  if (!webhookSecret) {
    throw new ConfigError(
      "STRIPE_WEBHOOK_SECRET",
      "is required when STRIPE_API_KEY is set: the signing secret (whsec_…) of the webhook endpoint https://<server>/hooks/payment/stripe_stripe"
    )
  }
  if (apiKey.startsWith("pk_")) {
    throw new ConfigError(
      "STRIPE_API_KEY",
      "is a publishable key (pk_…), which belongs in the storefront; the backend needs the secret key (sk_…) or a restricted key (rk_…)"
    )
  }
  if (!SECRET_KEY.test(apiKey)) {
    throw new ConfigError(
      "STRIPE_API_KEY",
      "must be a Stripe secret key (sk_test_…, sk_live_…) or restricted key (rk_…)"
    )
  }
  if (!WEBHOOK_SECRET.test(webhookSecret)) {
    throw new ConfigError(
      "STRIPE_WEBHOOK_SECRET",
      "must be a webhook signing secret (whsec_…), shown with the webhook endpoint in the Stripe Dashboard"
    )
  }
  const mode = apiKey.includes("_live_") ? "live" : "test"
  const warnings: ConfigWarning[] = []
  if (production && mode === "test") {
    warnings.push(
      configWarning(
        "STRIPE_API_KEY is a test key: orders are placed but no real money is taken",
        "set the live secret key (sk_live_…) and the live webhook's signing secret before opening the shop"
      )
    )
  }
  if (!production && mode === "live") {
    warnings.push(
      configWarning(
        "STRIPE_API_KEY is a live key outside production: test orders charge real cards",
        "use a test key (sk_test_…) for development"
      )
    )
  }
  return {
    module: {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/payment-stripe",
            id: STRIPE_CONFIG_ID,
            options: { apiKey, webhookSecret, capture: false, automaticPaymentMethods: true },
          },
        ],
      },
    },
    stripe: { mode },
    summary: `payments: Stripe (${mode} mode; automatic payment methods, captured by staff at shipment) and the manual provider`,
    warnings,
  }
}
