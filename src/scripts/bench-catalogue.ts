import type { CreateProductWorkflowInputDTO, ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createInventoryLevelsWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
} from "@medusajs/medusa/core-flows"

/**
 * `medusa exec ./src/scripts/bench-catalogue.ts`: a catalogue the size of a
 * real beauty shop's for `npm run bench`'s storefront-shaped load
 * (scripts/lib/bench/storefront.mjs), on top of what `npm run seed` made:
 * BENCH_PRODUCTS (default 2,000) published products in 12 categories of
 * their own, each with three sizes priced in DKK and EUR, in the store's
 * default sales channel, with stock at the warehouse linked to that channel
 * (so `+variants.inventory_quantity` reads real levels, a few of them 0).
 *
 * Only the bench runs it, on a database of its own; it is not part of the
 * seed. Products are made 100 to a workflow run: one run per product would
 * take many minutes on 2 cores, one run for all would hold thousands of rows
 * in one transaction. A batch whose products already exist is skipped and
 * only its missing stock is added, so a second run completes an interrupted
 * one instead of failing on taken handles.
 */

const DEFAULT_PRODUCTS = 2_000
const BATCH_SIZE = 100
const LOG_PREFIX = "[bench-catalogue]"

interface BenchCategory {
  name: string
  handle: string
  /** What one product of the category is called, e.g. "Serum". */
  noun: string
}

/** Handles the demo catalogue (src/scripts/lib/catalogue-data.ts) does not use. */
const CATEGORIES: readonly BenchCategory[] = [
  { name: "Serummer", handle: "serums", noun: "Serum" },
  { name: "Ansigtscremer", handle: "face-creams", noun: "Ansigtscreme" },
  { name: "Rens", handle: "cleansers", noun: "Rensegel" },
  { name: "Masker", handle: "face-masks", noun: "Ansigtsmaske" },
  { name: "Solpleje", handle: "sun-care", noun: "Solcreme" },
  { name: "Læbestifter", handle: "lipsticks", noun: "Læbestift" },
  { name: "Foundation", handle: "foundations", noun: "Foundation" },
  { name: "Mascara", handle: "mascaras", noun: "Mascara" },
  { name: "Shampoo", handle: "shampoos", noun: "Shampoo" },
  { name: "Balsam", handle: "conditioners", noun: "Balsam" },
  { name: "Bodylotion", handle: "body-lotions", noun: "Bodylotion" },
  { name: "Parfume", handle: "perfumes", noun: "Eau de parfum" },
]

const QUALITIES = ["Fugtgivende", "Beroligende", "Nærende", "Opstrammende", "Mild", "Klarende", "Let", "Intens"]

const SIZE_OPTION = "Størrelse"
/** The three variants and their price against the smallest. */
const SIZES = [
  { value: "30 ml", priceFactor: 1 },
  { value: "50 ml", priceFactor: 1.45 },
  { value: "100 ml", priceFactor: 2.3 },
] as const

/** DKK per EUR, near the peg, for EUR prices that look like the DKK ones. */
const DKK_PER_EUR = 7.46

export default async function benchCatalogue({ container }: ExecArgs) {
  const began = Date.now()
  const wanted = productCount(process.env.BENCH_PRODUCTS)
  const seconds = () => ((Date.now() - began) / 1000).toFixed(1)
  const placement = await findPlacement(container)
  const categoryIds = await ensureCategories(container)
  console.log(`${LOG_PREFIX} ${CATEGORIES.length} categories ready; making ${wanted} products (${seconds()} s)`)

  let made = 0
  let stocked = 0
  for (let first = 1; first <= wanted; first += BATCH_SIZE) {
    const numbers = Array.from({ length: Math.min(BATCH_SIZE, wanted - first + 1) }, (_, i) => first + i)
    const batch = await ensureBatch(container, numbers, { ...placement, categoryIds })
    made += batch.made
    stocked += batch.stocked
    console.log(
      `${LOG_PREFIX} ${numbers[numbers.length - 1]}/${wanted} products (${batch.made} made, stock for ${batch.stocked} variants) in ${seconds()} s`
    )
  }
  console.log(
    `${LOG_PREFIX} done: ${made} products made, stock added for ${stocked} variants, ${wanted} bench products in all, in ${seconds()} s`
  )
}

function productCount(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_PRODUCTS
  const count = Number(value)
  if (!Number.isInteger(count) || count < 1) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `BENCH_PRODUCTS must be a whole number above 0, not "${value}"`
    )
  }
  return count
}

interface Placement {
  salesChannelId: string
  locationId: string
  shippingProfileId: string
}

/** The default sales channel, a stock location linked to it and the default shipping profile, all from the seed. */
async function findPlacement(container: MedusaContainer): Promise<Placement> {
  const notSeeded = (what: string) =>
    new MedusaError(MedusaError.Types.NOT_FOUND, `${LOG_PREFIX} ${what}: run npm run seed on this database first`)
  const [store] = await container.resolve(Modules.STORE).listStores({}, { select: ["id", "default_sales_channel_id"] })
  const salesChannelId = store?.default_sales_channel_id
  if (!salesChannelId) throw notSeeded("the store has no default sales channel")

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: locations } = await query.graph({ entity: "stock_location", fields: ["id", "sales_channels.id"] })
  const location = (locations as Array<{ id: string; sales_channels?: Array<{ id: string } | null> | null }>).find(
    (l) => (l.sales_channels ?? []).some((channel) => channel?.id === salesChannelId)
  )
  if (!location) throw notSeeded("no stock location serves the default sales channel")

  const [profile] = await container.resolve(Modules.FULFILLMENT).listShippingProfiles({ type: "default" })
  if (!profile) throw notSeeded("there is no default shipping profile")
  return { salesChannelId, locationId: location.id, shippingProfileId: profile.id }
}

/** The 12 bench categories by handle; returns each one's id by its handle. */
async function ensureCategories(container: MedusaContainer): Promise<Map<string, string>> {
  const productModule = container.resolve(Modules.PRODUCT)
  const handles = CATEGORIES.map((c) => c.handle)
  const existing = await productModule.listProductCategories({ handle: handles }, { select: ["id", "handle"] })
  const present = new Set(existing.map((c) => c.handle))
  const missing = CATEGORIES.filter((c) => !present.has(c.handle))
  if (missing.length) {
    const { result } = await createProductCategoriesWorkflow(container).run({
      input: {
        product_categories: missing.map((c) => ({
          name: c.name,
          handle: c.handle,
          description: `${c.name} til hver hudtype og hver dag`,
          is_active: true,
        })),
      },
    })
    existing.push(...result)
  }
  return new Map(existing.map((c) => [c.handle, c.id]))
}

const categoryOf = (n: number) => CATEGORIES[(n - 1) % CATEGORIES.length]
const handleOf = (n: number) => `${categoryOf(n).handle}-${n}`
const skuOf = (n: number, size: number) => `BENCH-${n}-${SIZES[size].value.replace(" ", "").toUpperCase()}`

/** DKK price of product n's size, ending in 9 as shop prices do; 99 to about 1,400 DKK. */
function dkkPrice(n: number, size: number): number {
  const base = 99 + ((n * 37) % 50) * 10
  return Math.round((base * SIZES[size].priceFactor) / 10) * 10 - 1
}

/** The EUR price beside a DKK one, rounded to the cent. */
function eurPrice(dkk: number): number {
  return Number((dkk / DKK_PER_EUR).toFixed(2))
}

/** Units in stock: 0 to 49, so a few variants of the catalogue are sold out. */
const stockedQuantity = (n: number, size: number) => (n * 13 + size * 7) % 50

function productInput(n: number, placement: Placement & { categoryIds: Map<string, string> }) {
  const category = categoryOf(n)
  const categoryId = placement.categoryIds.get(category.handle)
  if (!categoryId) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `${LOG_PREFIX} category ${category.handle} is missing`)
  }
  const quality = QUALITIES[(n * 7) % QUALITIES.length]
  const product: CreateProductWorkflowInputDTO = {
    title: `${quality} ${category.noun} nr. ${n}`,
    handle: handleOf(n),
    subtitle: `${quality} ${category.noun.toLowerCase()} fra bench-kataloget`,
    description: `${quality} ${category.noun.toLowerCase()} med plantebaserede ingredienser, uden parfume og parabener. Dermatologisk testet og velegnet til sensitiv hud. Fremstillet i Danmark.`,
    status: ProductStatus.PUBLISHED,
    category_ids: [categoryId],
    shipping_profile_id: placement.shippingProfileId,
    sales_channels: [{ id: placement.salesChannelId }],
    options: [{ title: SIZE_OPTION, values: SIZES.map((s) => s.value) }],
    variants: SIZES.map((size, i) => {
      const dkk = dkkPrice(n, i)
      return {
        title: size.value,
        sku: skuOf(n, i),
        manage_inventory: true,
        options: { [SIZE_OPTION]: size.value },
        prices: [
          { currency_code: "dkk", amount: dkk },
          { currency_code: "eur", amount: eurPrice(dkk) },
        ],
      }
    }),
  }
  return product
}

interface VariantItems {
  sku: string | null
  inventory_items?: Array<{ inventory_item_id: string } | null> | null
}

/**
 * Products `numbers` (made unless their handles exist) and stock at the
 * location for each of their variants that has none there yet.
 */
async function ensureBatch(
  container: MedusaContainer,
  numbers: number[],
  placement: Placement & { categoryIds: Map<string, string> }
): Promise<{ made: number; stocked: number }> {
  const productModule = container.resolve(Modules.PRODUCT)
  const byHandle = new Map(numbers.map((n) => [handleOf(n), n]))
  const existing = await productModule.listProducts({ handle: [...byHandle.keys()] }, { select: ["id", "handle"] })
  const present = new Set(existing.map((p) => p.handle))
  const toMake = numbers.filter((n) => !present.has(handleOf(n)))
  const productIds = existing.map((p) => p.id)
  if (toMake.length) {
    const { result } = await createProductsWorkflow(container).run({
      input: { products: toMake.map((n) => productInput(n, placement)) },
    })
    productIds.push(...result.map((p) => p.id))
  }

  // createProductsWorkflow gives each managed variant an inventory item; its stock levels are added here.
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["sku", "inventory_items.inventory_item_id"],
    filters: { product_id: productIds },
  })
  const quantityByItem = new Map<string, number>()
  for (const variant of data as VariantItems[]) {
    const [, n, size] = variant.sku?.match(/^BENCH-(\d+)-(\d+)ML$/) ?? []
    const sizeIndex = SIZES.findIndex((s) => s.value === `${size} ml`)
    for (const item of variant.inventory_items ?? []) {
      if (item && n && sizeIndex >= 0) quantityByItem.set(item.inventory_item_id, stockedQuantity(Number(n), sizeIndex))
    }
  }
  const levels = await container
    .resolve(Modules.INVENTORY)
    .listInventoryLevels(
      { location_id: placement.locationId, inventory_item_id: [...quantityByItem.keys()] },
      { select: ["inventory_item_id"] }
    )
  const stockedAlready = new Set(levels.map((level) => level.inventory_item_id))
  const unstocked = [...quantityByItem].filter(([id]) => !stockedAlready.has(id))
  if (unstocked.length) {
    await createInventoryLevelsWorkflow(container).run({
      input: {
        inventory_levels: unstocked.map(([inventory_item_id, stocked_quantity]) => ({
          inventory_item_id,
          location_id: placement.locationId,
          stocked_quantity,
        })),
      },
    })
  }
  return { made: toMake.length, stocked: unstocked.length }
}
