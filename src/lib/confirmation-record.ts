import { EMAIL_LOG_PROVIDER_ID } from "../config/notification"

/** The fields of a notification row that say what happened to it. */
export interface ConfirmationRow {
  status: string
  provider_id?: string | null
}

/**
 * What the notification rows of one order's confirmation say, pure so the
 * rules are unit-tested:
 *   sent        a row reached "success" at a real provider: the customer got it
 *   loggedOnly  a row reached "success" at src/modules/email-log only
 *   unfinished  rows that never reached "success" (failed, or cut off pending)
 *   attempts    all rows: each attempt has its own key, the next is attempts + 1
 *
 * Why "sent" needs a real provider rather than a status or metadata marker of
 * our own: the email-log provider's rows are the only ones that reach
 * "success" without an email leaving, and the provider id is already on every
 * row, so a logged confirmation is recognisable in every database, also in
 * rows written before this rule existed, with no extra write that could be
 * lost between the send and the marker. Any provider other than email-log
 * (SendGrid, or another one added later) counts as real.
 */
export interface ConfirmationRecord {
  sent: boolean
  loggedOnly: boolean
  unfinished: number
  attempts: number
}

export function isRealEmailProvider(providerId: string | null | undefined): boolean {
  return !!providerId && providerId !== EMAIL_LOG_PROVIDER_ID
}

export function confirmationRecord(rows: ConfirmationRow[]): ConfirmationRecord {
  const succeeded = rows.filter((row) => row.status === "success")
  const sent = succeeded.some((row) => isRealEmailProvider(row.provider_id))
  return {
    sent,
    loggedOnly: !sent && succeeded.length > 0,
    unfinished: rows.length - succeeded.length,
    attempts: rows.length,
  }
}

export type OrderConfirmationOutcome = "send" | "already-sent" | "already-logged" | "no-email"

export interface OrderConfirmationPlan {
  outcome: OrderConfirmationOutcome
  /** The attempt number of this send (its key, see orderConfirmationKey). */
  attempt: number
  /** Why an earlier attempt does not count as sent, when there was one. */
  after?: "unfinished" | "logged-only"
}

/** What an order's earlier confirmation rows say, and the provider that would send now. */
export interface PreviousOrderConfirmations extends ConfirmationRecord {
  /** "email-log" when emails are only logged. */
  provider?: string
}

/** The notification rows that are an order's confirmation attempts. */
export const ORDER_CONFIRMATION_ROWS = { trigger_type: "order.placed", channel: "email" } as const

/**
 * The decision, pure. Sent (a real provider took it) is final. A confirmation
 * that was only logged is sent for real as soon as a real provider is
 * configured, and is not logged a second time while there is none: a
 * redelivered event then changes nothing.
 */
export function planOrderConfirmation(
  order: { email?: string | null },
  previous: PreviousOrderConfirmations
): OrderConfirmationPlan {
  const base = { attempt: previous.attempts + 1 }
  if (previous.sent) {
    return { ...base, outcome: "already-sent" }
  }
  if (!order.email) {
    return { ...base, outcome: "no-email" }
  }
  if (previous.loggedOnly && !isRealEmailProvider(previous.provider)) {
    return { ...base, outcome: "already-logged" }
  }
  const after = previous.unfinished > 0 ? "unfinished" : previous.loggedOnly ? "logged-only" : undefined
  return { ...base, outcome: "send", ...(after ? { after } : {}) }
}

/** How the operator's list names an order whose confirmation was not sent. */
export function unsentLabel(record: ConfirmationRecord): string {
  const unfinished = `${record.unfinished} unfinished attempt${record.unfinished === 1 ? "" : "s"}`
  if (record.loggedOnly) {
    return `only logged (no email provider then)${record.unfinished ? `, ${unfinished} since` : ""}`
  }
  return `not sent (${unfinished})`
}

/**
 * The provider the notification module uses for the email channel, from the
 * loaded configuration (one provider per channel, Medusa enforces that).
 */
export function configuredEmailProvider(configModule: { modules?: Record<string, unknown> }): string | undefined {
  const notification = configModule.modules?.notification as
    { options?: { providers?: Array<{ id?: string; options?: { channels?: string[] } }> } } | undefined
  return notification?.options?.providers?.find((p) => p.options?.channels?.includes("email"))?.id
}
