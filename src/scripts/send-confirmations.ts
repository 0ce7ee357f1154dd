import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  configuredEmailProvider,
  confirmationRecord,
  isRealEmailProvider,
  ORDER_CONFIRMATION_ROWS,
  unsentLabel,
  type ConfirmationRecord,
} from "../lib/confirmation-record"
import { maskEmail } from "../lib/mask-email"
import { maskSecretsInText } from "../config/mask"
import { sendOrderConfirmationWorkflow } from "../workflows/send-order-confirmation"

export interface SendConfirmationsOptions {
  /** List only; send nothing. */
  dryRun: boolean
  print: (line: string) => void
}

export interface SendConfirmationsResult {
  /** Orders whose confirmation never reached a real provider. */
  unsent: string[]
  sent: string[]
  failed: string[]
  skipped: string[]
  /** The email provider now configured; "email-log" only logs. */
  provider?: string
}

interface UnsentOrder {
  id: string
  display_id?: number | string | null
  email?: string | null
  status?: string | null
  record: ConfirmationRecord
}

const PAGE = 500

/**
 * `npm run send-confirmations [-- --dry-run]`: the orders whose confirmation
 * never reached a real email provider (only logged while EMAIL_LOG_ONLY was
 * on, or failed, or cut off), one line each with the customer masked; then,
 * unless --dry-run, each is sent through the configured provider by the same
 * workflow and lock as the order.placed subscriber, so a second run, or a
 * run during a delivery, sends nothing twice. Without a real provider it only
 * lists them and exits 1. Canceled orders are listed and never sent.
 */
export default async function sendConfirmationsScript({ container, args }: ExecArgs) {
  // scripts/send-confirmations.mjs passes --dry-run as a word: medusa exec refuses options.
  const dryRun = (args ?? []).includes("dry-run")
  const result = await sendConfirmations(container, { dryRun, print: (line) => console.log(line) })
  if (result.failed.length || (!dryRun && result.unsent.length && !isRealEmailProvider(result.provider))) {
    process.exitCode = 1
  }
}

export async function sendConfirmations(
  container: MedusaContainer,
  { dryRun, print }: SendConfirmationsOptions
): Promise<SendConfirmationsResult> {
  const provider = configuredEmailProvider(container.resolve(ContainerRegistrationKeys.CONFIG_MODULE))
  const orders = await unsentOrders(container)
  const result: SendConfirmationsResult = {
    unsent: orders.map((o) => o.id),
    sent: [],
    failed: [],
    skipped: [],
    provider,
  }
  const name = (order: UnsentOrder) =>
    `order ${order.display_id != null ? `#${order.display_id} ` : ""}(${order.id}), ${maskEmail(order.email)}`

  const sending = !dryRun && isRealEmailProvider(provider)
  for (const order of orders) {
    const label = unsentLabel(order.record)
    if (!sending) {
      print(`${name(order)}: ${label}${order.status === "canceled" ? "; canceled, will not be sent" : ""}`)
      continue
    }
    if (order.status === "canceled") {
      print(`${name(order)}: ${label}; canceled, skipped`)
      result.skipped.push(order.id)
      continue
    }
    try {
      const { result: outcome } = await sendOrderConfirmationWorkflow(container).run({ input: { id: order.id } })
      if (outcome.plan.outcome === "send") {
        print(`${name(order)}: ${label}; sent via ${outcome.notifications?.[0]?.provider_id ?? provider}`)
        result.sent.push(order.id)
      } else {
        print(`${name(order)}: ${label}; skipped (${outcome.plan.outcome})`)
        result.skipped.push(order.id)
      }
    } catch (error) {
      print(`${name(order)}: ${label}; failed: ${maskSecretsInText(oneLine(error))}`)
      result.failed.push(order.id)
    }
  }
  print(summary(result, { dryRun, sending }))
  return result
}

function summary(result: SendConfirmationsResult, { dryRun, sending }: { dryRun: boolean; sending: boolean }): string {
  const count = `${result.unsent.length} order(s) whose confirmation was not sent`
  if (sending) {
    return `send-confirmations: ${count}; sent ${result.sent.length} via ${result.provider}, failed ${result.failed.length}, skipped ${result.skipped.length}`
  }
  if (dryRun) {
    return `send-confirmations: ${count}; dry run, nothing sent`
  }
  if (!result.unsent.length) {
    return `send-confirmations: ${count}`
  }
  return `send-confirmations: ${count}; nothing sent: no email provider is configured (${result.provider ?? "none"}); set SENDGRID_API_KEY and SENDGRID_FROM where this runs (the worker service) and run it again`
}

/** Every order with a confirmation row, none of which reached a real provider, oldest first. */
async function unsentOrders(container: MedusaContainer): Promise<UnsentOrder[]> {
  const notifications = container.resolve(Modules.NOTIFICATION)
  const rowsByOrder = new Map<string, Array<{ status: string; provider_id?: string | null }>>()
  for (let skip = 0; ; skip += PAGE) {
    const page = await notifications.listNotifications(
      { ...ORDER_CONFIRMATION_ROWS, resource_type: "order" },
      {
        select: ["id", "resource_id", "status", "provider_id", "created_at"],
        order: { created_at: "ASC" },
        skip,
        take: PAGE,
      }
    )
    for (const row of page) {
      if (!row.resource_id) {
        continue
      }
      const rows = rowsByOrder.get(row.resource_id)
      if (rows) {
        rows.push(row)
      } else {
        rowsByOrder.set(row.resource_id, [row])
      }
    }
    if (page.length < PAGE) {
      break
    }
  }
  const unsent = [...rowsByOrder]
    .map(([id, rows]) => ({ id, record: confirmationRecord(rows) }))
    .filter((o) => !o.record.sent)
  if (!unsent.length) {
    return []
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "display_id", "email", "status"],
    filters: { id: unsent.map((o) => o.id) },
  })
  const byId = new Map(data.map((order) => [order.id, order]))
  return unsent
    .filter((o) => byId.has(o.id))
    .map((o) => {
      const order = byId.get(o.id)!
      return { id: o.id, display_id: order.display_id, email: order.email, status: order.status, record: o.record }
    })
}

/**
 * The error on one line (Medusa puts the provider's reason on a second line).
 * A workflow rethrows a step's error as a plain object with a message.
 */
function oneLine(error: unknown): string {
  const candidate = (error as { message?: unknown } | null)?.message
  const message = typeof candidate === "string" ? candidate : String(error)
  return message.replace(/\s+/g, " ").trim().slice(0, 300) || "unknown error"
}
