import { STRIPE_CONFIG_ID } from "../config/payments"

/**
 * The webhook signing secret of the configured Stripe provider (STRIPE_CONFIG_ID,
 * src/config/payments.ts), read from Medusa's loaded configuration so the
 * route guard and the provider cannot disagree. Undefined without Stripe.
 */
export function stripeWebhookSecret(configModule: { modules?: Record<string, unknown> }): string | undefined {
  const payment = configModule.modules?.payment as { options?: { providers?: unknown } } | undefined
  const providers = payment?.options?.providers
  if (!Array.isArray(providers)) {
    return undefined
  }
  const stripe = providers.find(
    (p): p is { id: string; options?: { webhookSecret?: unknown } } =>
      typeof p === "object" && p !== null && (p as { id?: unknown }).id === STRIPE_CONFIG_ID
  )
  const secret = stripe?.options?.webhookSecret
  return typeof secret === "string" && secret ? secret : undefined
}
