/**
 * The order confirmation as the customer reads it, in Danish (the shop's
 * language), rendered here rather than in a SendGrid dynamic template so it
 * works the day an API key is set, is the same text in the log provider, and
 * is unit-tested. Pure: order data in, subject/html/text out.
 */
export interface ConfirmationOrder {
  id: string
  display_id?: number | null
  email?: string | null
  currency_code: string
  total?: unknown
  /** The items with tax and discounts (Medusa's `subtotal` includes shipping). */
  item_total?: unknown
  shipping_total?: unknown
  discount_total?: unknown
  tax_total?: unknown
  items?: Array<{
    title?: string | null
    product_title?: string | null
    variant_title?: string | null
    variant_sku?: string | null
    quantity?: unknown
    total?: unknown
  } | null> | null
  shipping_address?: {
    first_name?: string | null
    last_name?: string | null
    address_1?: string | null
    postal_code?: string | null
    city?: string | null
    country_code?: string | null
  } | null
  shipping_methods?: Array<{ name?: string | null } | null> | null
}

export interface RenderedEmail {
  subject: string
  html: string
  text: string
}

/** Medusa returns amounts as numbers or as BigNumber-like objects. */
export function amountOf(value: unknown): number {
  if (typeof value === "number") {
    return value
  }
  if (typeof value === "string") {
    return Number(value)
  }
  if (value && typeof value === "object") {
    const candidate = value as { numeric?: unknown; value?: unknown; toJSON?: () => unknown }
    if (typeof candidate.numeric === "number") {
      return candidate.numeric
    }
    if (typeof candidate.toJSON === "function") {
      return Number(candidate.toJSON())
    }
    if (candidate.value !== undefined) {
      return Number(candidate.value)
    }
  }
  return 0
}

export function formatMoney(amount: unknown, currencyCode: string): string {
  return new Intl.NumberFormat("da-DK", { style: "currency", currency: currencyCode.toUpperCase() }).format(
    amountOf(amount)
  )
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)
}

export function orderReference(order: Pick<ConfirmationOrder, "id" | "display_id">): string {
  return order.display_id ? `#${order.display_id}` : order.id
}

export function renderOrderConfirmation(order: ConfirmationOrder): RenderedEmail {
  const money = (value: unknown) => formatMoney(value, order.currency_code)
  const reference = orderReference(order)
  const name = order.shipping_address?.first_name?.trim()
  const lines = (order.items ?? [])
    .filter((item): item is NonNullable<typeof item> => Boolean(item))
    .map((item) => {
      const title = item.product_title ?? item.title ?? "Vare"
      const variant = item.variant_title && item.variant_title !== title ? ` (${item.variant_title})` : ""
      return { label: `${amountOf(item.quantity)} × ${title}${variant}`, amount: money(item.total) }
    })
  const address = order.shipping_address
  const addressLines = address
    ? [
        [address.first_name, address.last_name].filter(Boolean).join(" "),
        address.address_1 ?? "",
        [address.postal_code, address.city].filter(Boolean).join(" "),
        (address.country_code ?? "").toUpperCase(),
      ].filter((l) => l.trim() !== "")
    : []
  const shippingName = order.shipping_methods?.find(Boolean)?.name
  const discount = amountOf(order.discount_total)
  const totals = [
    { label: "Varer", amount: money(order.item_total) },
    ...(discount > 0 ? [{ label: "Heraf rabat", amount: money(-discount) }] : []),
    { label: `Fragt${shippingName ? ` (${shippingName})` : ""}`, amount: money(order.shipping_total) },
    { label: "Heraf moms", amount: money(order.tax_total) },
    { label: "I alt", amount: money(order.total) },
  ]

  const subject = `Tak for din ordre ${reference}`
  const greeting = name ? `Hej ${name},` : "Hej,"
  const text = [
    greeting,
    "",
    `Tak for din ordre ${reference}. Vi pakker den hurtigst muligt.`,
    "",
    ...lines.map((l) => `${l.label}: ${l.amount}`),
    "",
    ...totals.map((t) => `${t.label}: ${t.amount}`),
    ...(addressLines.length ? ["", "Leveres til:", ...addressLines] : []),
    "",
    "Venlig hilsen",
    "Beauty Shop",
  ].join("\n")

  const row = (label: string, amount: string, strong = false) =>
    `<tr><td>${strong ? "<strong>" : ""}${escapeHtml(label)}${strong ? "</strong>" : ""}</td><td style="text-align:right">${escapeHtml(amount)}</td></tr>`
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>Tak for din ordre ${escapeHtml(reference)}. Vi pakker den hurtigst muligt.</p>`,
    `<table cellpadding="4">`,
    ...lines.map((l) => row(l.label, l.amount)),
    ...totals.map((t, i) => row(t.label, t.amount, i === totals.length - 1)),
    `</table>`,
    ...(addressLines.length ? [`<p>Leveres til:<br>${addressLines.map(escapeHtml).join("<br>")}</p>`] : []),
    `<p>Venlig hilsen<br>Beauty Shop</p>`,
  ].join("\n")

  return { subject, html, text }
}
