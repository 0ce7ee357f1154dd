import type { CreateTranslationDTO, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { batchTranslationsWorkflow } from "@medusajs/medusa/core-flows"
import { TRANSLATED_LOCALES } from "../../../config/languages"
import { CATEGORIES, COLLECTIONS, RETURN_REASONS, SHIPPING_OPTIONS } from "../catalogue-data"
import { OPTION_TITLES_EN, PRODUCTS } from "./product-data"

const ENGLISH = TRANSLATED_LOCALES[0]

/** The ids of what the seed created, as ensureTranslations looks them up. */
export interface SeededIds {
  products: Array<{
    id: string
    handle: string
    options: Array<{ id: string; title: string; values: Array<{ id: string; value: string }> }>
    variants: Array<{ id: string; sku: string | null; title: string | null }>
  }>
  categories: Array<{ id: string; handle: string }>
  collections: Array<{ id: string; handle: string }>
  shippingOptions: Array<{ id: string; name: string }>
  returnReasons: Array<{ id: string; value: string }>
  /** The products' cosmetics rows, by the product's handle. */
  cosmeticLabels: Array<{ id: string; handle: string }>
}

/**
 * The English translation of everything the seed writes in Danish: products
 * (title, subtitle, description), their options and option values, variants
 * (title), categories, collections, shipping options, return reasons and the
 * cosmetics data's texts (function, precautions).
 * `reference` is the Translation Module's entity type (the snake-cased model
 * name). Pure, so what is translated is unit-tested; texts come from
 * ../catalogue-data.ts and ./product-data.ts. Rows whose catalogue entry is
 * unknown (a product staff added) are left alone.
 */
export function wantedTranslations(ids: SeededIds): CreateTranslationDTO[] {
  const rows: CreateTranslationDTO[] = []
  const add = (reference: string, referenceId: string, translations: Record<string, string>) =>
    rows.push({ reference, reference_id: referenceId, locale_code: ENGLISH, translations })

  for (const product of ids.products) {
    const data = PRODUCTS.find((p) => p.handle === product.handle)
    if (!data) continue
    add("product", product.id, data.en)
    for (const option of product.options) {
      if (option.title !== data.option) continue
      add("product_option", option.id, { title: OPTION_TITLES_EN[data.option] })
      for (const value of option.values) {
        const variant = data.variants.find((v) => v.value === value.value)
        if (variant) add("product_option_value", value.id, { value: variant.en ?? variant.value })
      }
    }
    for (const variant of product.variants) {
      const variantData = data.variants.find((v) => v.sku === variant.sku)
      if (variantData) add("product_variant", variant.id, { title: variantData.en ?? variantData.value })
    }
  }
  for (const category of ids.categories) {
    const data = CATEGORIES.find((c) => c.handle === category.handle)
    if (data) add("product_category", category.id, data.en)
  }
  for (const collection of ids.collections) {
    const data = COLLECTIONS.find((c) => c.handle === collection.handle)
    if (data) add("product_collection", collection.id, { title: data.en })
  }
  for (const option of ids.shippingOptions) {
    const data = SHIPPING_OPTIONS.find((o) => o.name === option.name)
    if (data) add("shipping_option", option.id, { name: data.en })
  }
  for (const label of ids.cosmeticLabels) {
    const data = PRODUCTS.find((p) => p.handle === label.handle)?.cosmetics
    if (data) {
      add("cosmetic_label", label.id, {
        product_function: data.function.en,
        ...(data.precautions ? { precautions: data.precautions.en } : {}),
      })
    }
  }
  for (const reason of ids.returnReasons) {
    const data = RETURN_REASONS.find((r) => r.value === reason.value)
    if (data) add("return_reason", reason.id, data.en)
  }
  return rows
}

const sameTranslations = (a: Record<string, unknown> | null | undefined, b: Record<string, unknown>) =>
  JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b).sort())

/**
 * Writes the English translations of the seeded catalogue (wantedTranslations):
 * creates the missing ones and corrects those whose text differs, in one
 * workflow, whose events refresh the store cache. Appends what it changed to
 * `created`.
 */
export async function ensureTranslations(container: MedusaContainer, created: string[]): Promise<void> {
  const wanted = wantedTranslations(await seededIds(container))
  const translationModule = container.resolve(Modules.TRANSLATION)
  const existing = await translationModule.listTranslations(
    { reference_id: wanted.map((t) => t.reference_id), locale_code: ENGLISH },
    { select: ["id", "reference_id", "translations"], take: null }
  )
  const byReference = new Map(existing.map((t) => [t.reference_id, t]))
  const create = wanted.filter((t) => !byReference.has(t.reference_id))
  const update = wanted.flatMap((t) => {
    const present = byReference.get(t.reference_id)
    return present && !sameTranslations(present.translations, t.translations)
      ? [{ id: present.id, translations: t.translations }]
      : []
  })
  if (!create.length && !update.length) {
    return
  }
  await batchTranslationsWorkflow(container).run({ input: { create, update, delete: [] } })
  created.push(`${ENGLISH} translations (${create.length} new${update.length ? `, ${update.length} corrected` : ""})`)
}

async function seededIds(container: MedusaContainer): Promise<SeededIds> {
  const productModule = container.resolve(Modules.PRODUCT)
  const products = await productModule.listProducts(
    { handle: PRODUCTS.map((p) => p.handle) },
    { relations: ["options", "options.values", "variants"], take: null }
  )
  const { data: labelled } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "product",
    fields: ["handle", "cosmetics.id"],
    filters: { handle: PRODUCTS.map((p) => p.handle) },
  })
  const categories = await productModule.listProductCategories({ handle: CATEGORIES.map((c) => c.handle) })
  const collections = await productModule.listProductCollections({ handle: COLLECTIONS.map((c) => c.handle) })
  const shippingOptions = await container
    .resolve(Modules.FULFILLMENT)
    .listShippingOptions({ name: SHIPPING_OPTIONS.map((o) => o.name) }, { take: null })
  const returnReasons = await container
    .resolve(Modules.ORDER)
    .listReturnReasons({ value: RETURN_REASONS.map((r) => r.value) })
  return {
    products: products.map((p) => ({
      id: p.id,
      handle: p.handle,
      options: (p.options ?? []).map((o) => ({
        id: o.id,
        title: o.title,
        values: (o.values ?? []).map((v) => ({ id: v.id, value: v.value })),
      })),
      variants: (p.variants ?? []).map((v) => ({ id: v.id, sku: v.sku, title: v.title })),
    })),
    categories: categories.map((c) => ({ id: c.id, handle: c.handle })),
    collections: collections.map((c) => ({ id: c.id, handle: c.handle })),
    shippingOptions: shippingOptions.map((o) => ({ id: o.id, name: o.name })),
    returnReasons: returnReasons.map((r) => ({ id: r.id, value: r.value })),
    cosmeticLabels: labelled.flatMap((p) => {
      const label = (p as { cosmetics?: { id: string } | null }).cosmetics
      return label ? [{ id: label.id, handle: p.handle }] : []
    }),
  }
}
