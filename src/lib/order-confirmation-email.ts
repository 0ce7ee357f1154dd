/**
 * The order confirmation as the customer reads it, in the language of the
 * cart the order came from (Danish, the shop's language, unless the cart
 * was English), rendered here rather than in a SendGrid dynamic template so
 * it works the day an API key is set, is the same text in the log provider,
 * and is unit-tested. Pure: order data in, subject/html/text out.
 */
export interface ConfirmationOrder {
  id: string
  display_id?: number | null
  email?: string | null
  /** The cart's locale, which Medusa copies to the order (e.g. "en-GB"); none means Danish. */
  locale?: string | null
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

export type EmailLanguage = "da" | "en"

/** English for an English locale ("en", "en-GB", "en-US"), Danish for anything else, the shop's language. */
export function emailLanguage(locale?: string | null): EmailLanguage {
  return /^en(?:-|$)/i.test(locale?.trim() ?? "") ? "en" : "da"
}

/** Every word of the email, per language; the same content in both. */
const WORDS = {
  da: {
    numberLocale: "da-DK",
    subject: (reference: string) => `Tak for din ordre ${reference}`,
    greeting: (name?: string) => (name ? `Hej ${name},` : "Hej,"),
    thanks: (reference: string) => `Tak for din ordre ${reference}. Vi pakker den hurtigst muligt.`,
    item: "Vare",
    items: "Varer",
    discount: "Heraf rabat",
    shipping: "Fragt",
    vat: "Heraf moms",
    total: "I alt",
    deliverTo: "Leveres til:",
    regards: "Venlig hilsen",
  },
  en: {
    numberLocale: "en-GB",
    subject: (reference: string) => `Thank you for your order ${reference}`,
    greeting: (name?: string) => (name ? `Hi ${name},` : "Hi,"),
    thanks: (reference: string) => `Thank you for your order ${reference}. We are packing it as soon as we can.`,
    item: "Item",
    items: "Items",
    discount: "Of which discount",
    shipping: "Shipping",
    vat: "Of which VAT",
    total: "Total",
    deliverTo: "Delivered to:",
    regards: "Kind regards",
  },
} as const

export function formatMoney(amount: unknown, currencyCode: string, language: EmailLanguage = "da"): string {
  return new Intl.NumberFormat(WORDS[language].numberLocale, {
    style: "currency",
    currency: currencyCode.toUpperCase(),
  }).format(amountOf(amount))
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)
}

export function orderReference(order: Pick<ConfirmationOrder, "id" | "display_id">): string {
  return order.display_id ? `#${order.display_id}` : order.id
}

export function renderOrderConfirmation(order: ConfirmationOrder): RenderedEmail {
  const language = emailLanguage(order.locale)
  const words = WORDS[language]
  const money = (value: unknown) => formatMoney(value, order.currency_code, language)
  const reference = orderReference(order)
  const name = order.shipping_address?.first_name?.trim()
  const lines = (order.items ?? [])
    .filter((item): item is NonNullable<typeof item> => Boolean(item))
    .map((item) => {
      const title = item.product_title ?? item.title ?? words.item
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
    { label: words.items, amount: money(order.item_total) },
    ...(discount > 0 ? [{ label: words.discount, amount: money(-discount) }] : []),
    { label: `${words.shipping}${shippingName ? ` (${shippingName})` : ""}`, amount: money(order.shipping_total) },
    { label: words.vat, amount: money(order.tax_total) },
    { label: words.total, amount: money(order.total) },
  ]

  const subject = words.subject(reference)
  const greeting = words.greeting(name)
  const thanks = words.thanks(reference)
  const text = [
    greeting,
    "",
    thanks,
    "",
    ...lines.map((l) => `${l.label}: ${l.amount}`),
    "",
    ...totals.map((t) => `${t.label}: ${t.amount}`),
    ...(addressLines.length ? ["", words.deliverTo, ...addressLines] : []),
    "",
    words.regards,
    "Beauty Shop",
  ].join("\n")

  const row = (label: string, amount: string, strong = false) =>
    `<tr><td>${strong ? "<strong>" : ""}${escapeHtml(label)}${strong ? "</strong>" : ""}</td><td style="text-align:right">${escapeHtml(amount)}</td></tr>`
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(thanks)}</p>`,
    `<table cellpadding="4">`,
    ...lines.map((l) => row(l.label, l.amount)),
    ...totals.map((t, i) => row(t.label, t.amount, i === totals.length - 1)),
    `</table>`,
    ...(addressLines.length
      ? [`<p>${escapeHtml(words.deliverTo)}<br>${addressLines.map(escapeHtml).join("<br>")}</p>`]
      : []),
    `<p>${escapeHtml(words.regards)}<br>Beauty Shop</p>`,
  ].join("\n")

  return { subject, html, text }
}
