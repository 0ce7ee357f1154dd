import { ALL, LISTS, productTag } from "../../../modules/store-cache/invalidation-rules"

const PRODUCT_BY_ID = /^\/store\/products\/([^/?]+)\/?$/
const PRODUCT_LIST = /^\/store\/products\/?$/

/** The only query parameters that leave a product list about the products it names and nothing else. */
const NAMING_PARAMETERS = new Set(["handle", "id", "id[]", "handle[]"])
/** Parameters that shape the answer but not which products are in it. */
const SHAPING_PARAMETERS = new Set([
  "fields",
  "region_id",
  "country_code",
  "province",
  "currency_code",
  "locale",
  "limit",
  "order",
])

function productIds(products: unknown): string[] {
  if (!Array.isArray(products)) return []
  return products.map((product) => product?.id).filter((id): id is string => typeof id === "string")
}

/**
 * The tags (../../modules/store-cache/invalidation-rules.ts) of a cached
 * answer: what must change for it to be wrong. A product page, asked by id
 * or by handle (the storefront's product page), depends on its product
 * alone and keeps its entry while other products change; a list asked by
 * handle that found fewer products than it named waits for a product with
 * that handle, so it is a list. Everything else is a list.
 */
export function entryTags(url: string, body: unknown): string[] {
  const [path, query = ""] = url.split("?", 2)
  const answer = body as { product?: { id?: unknown }; products?: unknown } | undefined
  if (PRODUCT_BY_ID.test(path)) {
    const id = answer?.product?.id
    return typeof id === "string" ? [ALL, productTag(id)] : [ALL, LISTS]
  }
  if (PRODUCT_LIST.test(path)) {
    const parameters = [...new URLSearchParams(query)]
    const asked = parameters.filter(([name]) => NAMING_PARAMETERS.has(name)).flatMap(([, value]) => value.split(","))
    const onlyNaming = parameters.every(
      ([name, value]) =>
        NAMING_PARAMETERS.has(name) || SHAPING_PARAMETERS.has(name) || (name === "offset" && value === "0")
    )
    const ids = productIds(answer?.products)
    // Every product asked for was found: no product created later can join the answer.
    if (asked.length && onlyNaming && ids.length >= asked.length) return [ALL, ...ids.map(productTag)]
  }
  return [ALL, LISTS]
}
