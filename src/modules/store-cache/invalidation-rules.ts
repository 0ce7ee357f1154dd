/**
 * Which cached catalogue answers an event of Medusa's makes wrong.
 *
 * Every cached answer carries tags (src/api/middlewares/caching/entry-tags.ts):
 * - `all`, on every answer;
 * - `product:<id>` on an answer about named products (a product page, by id
 *   or by handle), which changes only when one of those products does;
 * - `lists` on every other answer (product lists, categories, collections,
 *   regions, types, tags), whose content or membership any product change
 *   may alter.
 *
 * An event drops the tags its rule names. The rules are default-deny: an
 * event no rule knows drops `all`, so a Medusa release that adds an event
 * can make the cache busier, never stale.
 */

export const ALL = "all"
export const LISTS = "lists"
export const productTag = (id: string) => `product:${id}`

/** The tags to drop for the products named. */
export const productTags = (productIds: readonly string[]) => [LISTS, ...productIds.map(productTag)]

/** The entity part of an event name: `product-variant.updated` → `product-variant`. */
export function entityOf(eventName: string): string {
  const parts = eventName.split(".")
  return parts.length >= 2 ? parts[parts.length - 2] : eventName
}

/**
 * Entities whose changes no anonymous catalogue answer shows: carts, orders,
 * customers (their groups' prices are never cached), payments, accounts,
 * fulfilment paperwork, notifications. Stock moves that come with orders and
 * fulfilments arrive as inventory and reservation events, which do count.
 */
const NOT_IN_THE_CATALOGUE = new Set([
  "cart",
  "line-item",
  "line-item-adjustment",
  "line-item-tax-line",
  "shipping-method",
  "shipping-method-adjustment",
  "shipping-method-tax-line",
  "credit-line",
  "order",
  "order-edit",
  "order-change",
  "order-change-action",
  "order-item",
  "order-line-item",
  "order-shipping",
  "order-summary",
  "order-transaction",
  "order-address",
  "return",
  "return-item",
  "claim",
  "order-claim",
  "exchange",
  "order-exchange",
  "customer",
  "customer-address",
  "customer-group",
  "customer-group-customer",
  "payment",
  "payment-collection",
  "payment-session",
  "payment-provider",
  "account-holder",
  "capture",
  "refund",
  "auth",
  "auth-identity",
  "provider-identity",
  "user",
  "invite",
  "notification",
  "fulfillment",
  "fulfillment-item",
  "fulfillment-label",
  "promotion",
  "campaign",
  "application-method",
  "promotion-rule",
  "promotion-rule-value",
  "campaign-budget",
  "campaign-budget-usage",
  "workflow-execution",
  // Workflow events of a fulfilment's journey; its stock moves come as inventory events.
  "shipment",
  "delivery",
  // A cart's or a fulfilment's address (`fulfillment.address.created`); a stock location's is `stock-location-address`.
  "address",
])

/**
 * Modules whose every entity is of the kinds above. Their own events are
 * named `<module>.<entity>.<action>` (`cart.address.created`, emitted with
 * every cart that gets an address), so the module, not the entity, decides:
 * a new entity in one of them is no catalogue change either.
 */
const MODULES_OUTSIDE_THE_CATALOGUE = new Set([
  "cart",
  "order",
  "customer",
  "payment",
  "promotion",
  "auth",
  "user",
  "notification",
])

/**
 * Links are named after their sides (`LinkOrderCart.attached`). A link with
 * a side outside the catalogue (a cart's payment collection, an order's
 * cart, a customer's account holder) is unreachable from a product, so it
 * changes no catalogue answer, whichever the other side is. Every other
 * link drops everything: Medusa 2.21 sends a link's event with the link's
 * id only (`moduleEventBuilderFactory`), so a product's sales channels or
 * its variants' prices cannot be traced to the product.
 */
const LINKS_OUTSIDE_THE_CATALOGUE = [
  "LinkCart",
  "LinkOrder",
  "LinkReturn",
  "LinkClaim",
  "LinkExchange",
  "LinkCustomer",
  "LinkUser",
  "LinkInvite",
]

/** Whether an event changes nothing an anonymous catalogue answer shows. */
function outsideTheCatalogue(eventName: string): boolean {
  const parts = eventName.split(".")
  const entity = entityOf(eventName)
  if (entity.startsWith("Link")) return LINKS_OUTSIDE_THE_CATALOGUE.some((prefix) => entity.startsWith(prefix))
  // The fulfilment module also holds shipping profiles, which a client may ask for with a product: not in this list.
  if (parts.length >= 3 && MODULES_OUTSIDE_THE_CATALOGUE.has(parts[0])) return true
  return NOT_IN_THE_CATALOGUE.has(entity)
}

/**
 * Entities whose ids name products after a lookup (./product-lookup.ts): the
 * frequent changes (stock moves with every order, prices). Options, option
 * values and images are shared between products in Medusa 2.21 and change
 * with staff edits only, so they drop everything.
 */
export const LOOKED_UP = [
  "product-variant",
  "inventory-item",
  "inventory-level",
  "reservation-item",
  "price",
  "price-set",
] as const
export type LookedUpEntity = (typeof LOOKED_UP)[number]

export type Decision =
  | { kind: "ignore" }
  | { kind: "drop"; tags: string[]; reason: string }
  | { kind: "lookup"; entity: LookedUpEntity; ids: string[]; reason: string }

/** The ids an event's data names: `{ id }`, `{ id: [...] }` or a list of them. */
export function idsOf(data: unknown): string[] {
  const items = Array.isArray(data) ? data : [data]
  const ids: string[] = []
  for (const item of items) {
    const id = (item as { id?: unknown } | null | undefined)?.id
    for (const one of Array.isArray(id) ? id : [id]) {
      if (typeof one === "string" && one) ids.push(one)
    }
  }
  return ids
}

/** What an event makes wrong, before any lookup. */
export function decide(eventName: string, data: unknown): Decision {
  const entity = entityOf(eventName)
  if (outsideTheCatalogue(eventName)) return { kind: "ignore" }
  const ids = idsOf(data)
  if (entity === "product") {
    return ids.length
      ? { kind: "drop", tags: productTags(ids), reason: eventName }
      : { kind: "drop", tags: [ALL], reason: `${eventName} without ids` }
  }
  if ((LOOKED_UP as readonly string[]).includes(entity) && ids.length) {
    return { kind: "lookup", entity: entity as LookedUpEntity, ids, reason: eventName }
  }
  return { kind: "drop", tags: [ALL], reason: eventName }
}
