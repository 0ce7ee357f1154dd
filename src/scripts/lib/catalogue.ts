import type {
  CreateProductWorkflowInputDTO,
  FulfillmentWorkflow,
  Logger,
  MedusaContainer,
} from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createInventoryLevelsWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createServiceZonesWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"
import {
  CATEGORIES,
  DEFAULT_SHIPPING_PROFILE_NAME,
  DENMARK_COUNTRIES,
  EU_REGION,
  FULFILLMENT_PROVIDER_ID,
  FULFILLMENT_SET_NAME,
  PRODUCTS,
  SERVICE_ZONES,
  SHIPPING_OPTIONS,
  STOCKED_QUANTITY,
  TAX_PROVIDER_ID,
  WAREHOUSE,
  type ProductData,
} from "./catalogue-data"
import { ensureMinimalStore, type MinimalStore } from "./minimal-store"
import { ensureVat } from "./vat"

export interface CatalogueResult {
  /** What this run changed (including the minimal store's part); empty when nothing was missing. */
  created: string[]
}

/**
 * The beauty shop's demo catalogue on top of the minimal store: an EU region,
 * tax regions, a Copenhagen warehouse with delivery to Denmark and the EU,
 * Standard and Express shipping, four categories and the products of
 * ./catalogue-data.ts with stock at the warehouse.
 *
 * Every piece is looked up (by name, handle or SKU) before it is created, so
 * a second run changes nothing and a partial earlier run is completed rather
 * than duplicated. Pass `store` when ensureMinimalStore has just run.
 */
export async function ensureCatalogue(container: MedusaContainer, store?: MinimalStore): Promise<CatalogueResult> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const created: string[] = []

  if (!store) {
    store = await ensureMinimalStore(container)
    created.push(...store.created)
  }
  const { salesChannelId } = store

  // --- EU region -------------------------------------------------------------
  const regionModule = container.resolve(Modules.REGION)
  const [euRegion] = await regionModule.listRegions({ name: EU_REGION.name })
  if (!euRegion) {
    await createRegionsWorkflow(container).run({
      input: {
        regions: [
          {
            name: EU_REGION.name,
            currency_code: EU_REGION.currency_code,
            countries: [...EU_REGION.countries],
            payment_providers: [...EU_REGION.payment_providers],
            is_tax_inclusive: true,
          },
        ],
      },
    })
    created.push(`region "${EU_REGION.name}" (EUR)`)
  }

  // --- Tax regions -------------------------------------------------------------
  const taxModule = container.resolve(Modules.TAX)
  const taxCountries: string[] = [...DENMARK_COUNTRIES, ...EU_REGION.countries]
  const taxRegions = await taxModule.listTaxRegions({ country_code: taxCountries })
  const missingTaxCountries = taxCountries.filter(
    (code) => !taxRegions.some((t) => !t.parent_id && t.country_code?.toLowerCase() === code)
  )
  if (missingTaxCountries.length) {
    await createTaxRegionsWorkflow(container).run({
      input: missingTaxCountries.map((country_code) => ({ country_code, provider_id: TAX_PROVIDER_ID })),
    })
    created.push(`tax regions ${missingTaxCountries.join(", ")}`)
  }

  // --- VAT: default rates and prices including VAT -------------------------------
  created.push(...(await ensureVat(container)))

  // --- Stock location -----------------------------------------------------------
  const stockLocationModule = container.resolve(Modules.STOCK_LOCATION)
  let [location] = await stockLocationModule.listStockLocations({ name: WAREHOUSE.name })
  if (!location) {
    const { result } = await createStockLocationsWorkflow(container).run({
      input: { locations: [{ name: WAREHOUSE.name, address: { ...WAREHOUSE.address } }] },
    })
    location = result[0]
    created.push(`stock location "${WAREHOUSE.name}"`)
  }

  const locationLinks = await getLocationLinks(container, location.id)
  if (!locationLinks.salesChannelIds.includes(salesChannelId)) {
    await linkSalesChannelsToStockLocationWorkflow(container).run({
      input: { id: location.id, add: [salesChannelId] },
    })
    created.push(`link from "${WAREHOUSE.name}" to the Webshop sales channel`)
  }
  // Shipping options can only use a provider enabled at the stock location
  // (validateFulfillmentProvidersStep), so the manual provider is linked.
  if (!locationLinks.providerIds.includes(FULFILLMENT_PROVIDER_ID)) {
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_provider_id: FULFILLMENT_PROVIDER_ID },
    })
    created.push(`fulfillment provider ${FULFILLMENT_PROVIDER_ID} at "${WAREHOUSE.name}"`)
  }

  // --- Shipping profile -----------------------------------------------------------
  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
  let [shippingProfile] = await fulfillmentModule.listShippingProfiles({ type: "default" })
  if (!shippingProfile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: DEFAULT_SHIPPING_PROFILE_NAME, type: "default" }] },
    })
    shippingProfile = result[0]
    created.push(`shipping profile "${DEFAULT_SHIPPING_PROFILE_NAME}"`)
  }

  // --- Fulfillment set and service zones ----------------------------------------------
  let [fulfillmentSet] = await fulfillmentModule.listFulfillmentSets({ name: FULFILLMENT_SET_NAME })
  if (!fulfillmentSet) {
    fulfillmentSet = await fulfillmentModule.createFulfillmentSets({ name: FULFILLMENT_SET_NAME, type: "shipping" })
    created.push(`fulfillment set "${FULFILLMENT_SET_NAME}"`)
  }
  if (!locationLinks.fulfillmentSetIds.includes(fulfillmentSet.id)) {
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
    })
    created.push(`link from "${WAREHOUSE.name}" to "${FULFILLMENT_SET_NAME}"`)
  }

  const existingZones = await fulfillmentModule.listServiceZones(
    { fulfillment_set: { id: fulfillmentSet.id } },
    { relations: ["shipping_options"] }
  )
  const missingZones = SERVICE_ZONES.filter((z) => !existingZones.some((e) => e.name === z.name))
  if (missingZones.length) {
    const { result } = await createServiceZonesWorkflow(container).run({
      input: {
        data: missingZones.map((zone) => ({
          name: zone.name,
          fulfillment_set_id: fulfillmentSet.id,
          geo_zones: zone.countries.map((country_code) => ({ type: "country" as const, country_code })),
        })),
      },
    })
    existingZones.push(...result.map((zone) => ({ ...zone, shipping_options: [] })))
    created.push(`service zones ${missingZones.map((z) => `"${z.name}"`).join(", ")}`)
  }

  // --- Shipping options: Standard and Express in every zone ---------------------------
  const optionsToCreate: Array<{ zoneName: string; input: FulfillmentWorkflow.CreateShippingOptionsWorkflowInput }> = []
  for (const zoneData of SERVICE_ZONES) {
    const zone = existingZones.find((z) => z.name === zoneData.name)
    if (!zone) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Service zone "${zoneData.name}" was not created`)
    }
    for (const option of SHIPPING_OPTIONS) {
      if ((zone.shipping_options ?? []).some((o) => o.name === option.name)) {
        continue
      }
      optionsToCreate.push({
        zoneName: zone.name,
        input: {
          name: option.name,
          price_type: "flat",
          provider_id: FULFILLMENT_PROVIDER_ID,
          service_zone_id: zone.id,
          shipping_profile_id: shippingProfile.id,
          type: { label: option.name, description: option.description[zoneData.lang], code: option.code },
          prices: [
            { currency_code: "dkk", amount: option.prices.dkk },
            { currency_code: "eur", amount: option.prices.eur },
          ],
          rules: [
            { attribute: "enabled_in_store", value: "true", operator: "eq" },
            { attribute: "is_return", value: "false", operator: "eq" },
          ],
        },
      })
    }
  }
  if (optionsToCreate.length) {
    await createShippingOptionsWorkflow(container).run({ input: optionsToCreate.map((o) => o.input) })
    created.push(`shipping options ${optionsToCreate.map((o) => `"${o.input.name}" (${o.zoneName})`).join(", ")}`)
  }

  // --- Product categories -------------------------------------------------------------
  const productModule = container.resolve(Modules.PRODUCT)
  const categories = await productModule.listProductCategories({ handle: CATEGORIES.map((c) => c.handle) })
  const missingCategories = CATEGORIES.filter((c) => !categories.some((e) => e.handle === c.handle))
  if (missingCategories.length) {
    const { result } = await createProductCategoriesWorkflow(container).run({
      input: {
        product_categories: missingCategories.map((c) => ({
          name: c.name,
          handle: c.handle,
          description: c.description,
          is_active: true,
        })),
      },
    })
    categories.push(...result)
    created.push(`categories ${missingCategories.map((c) => c.name).join(", ")}`)
  }
  const categoryIds = new Map(categories.map((c) => [c.handle, c.id]))

  // --- Products ----------------------------------------------------------------------
  const existingProducts = await productModule.listProducts(
    { handle: PRODUCTS.map((p) => p.handle) },
    { select: ["id", "handle"] }
  )
  const missingProducts = PRODUCTS.filter((p) => !existingProducts.some((e) => e.handle === p.handle))
  if (missingProducts.length) {
    // A SKU already used by another product would fail the workflow with a
    // bare unique-constraint error; name the SKUs instead.
    const skus = missingProducts.flatMap((p) => p.variants.map((v) => v.sku))
    const taken = await productModule.listProductVariants({ sku: skus }, { select: ["sku"] })
    if (taken.length) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        `Catalogue: SKUs ${taken.map((v) => v.sku).join(", ")} already belong to other products`
      )
    }
    await createProductsWorkflow(container).run({
      input: {
        products: missingProducts.map((p) =>
          toProductInput(p, categoryIds.get(p.category), salesChannelId, shippingProfile.id)
        ),
      },
    })
    created.push(`${missingProducts.length} products (${missingProducts.map((p) => p.handle).join(", ")})`)
  }

  // --- Stock at the warehouse ------------------------------------------------------------
  const allSkus = PRODUCTS.flatMap((p) => p.variants.map((v) => v.sku))
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "sku", "manage_inventory", "inventory_items.inventory_item_id"],
    filters: { sku: allSkus },
  })
  const inventoryItemIds: string[] = variants.flatMap(
    (v: { inventory_items?: Array<{ inventory_item_id: string } | null> | null }) =>
      (v.inventory_items ?? []).flatMap((i) => (i ? [i.inventory_item_id] : []))
  )
  if (inventoryItemIds.length) {
    const inventoryModule = container.resolve(Modules.INVENTORY)
    const levels = await inventoryModule.listInventoryLevels({
      location_id: location.id,
      inventory_item_id: inventoryItemIds,
    })
    const unstocked = inventoryItemIds.filter((id) => !levels.some((l) => l.inventory_item_id === id))
    if (unstocked.length) {
      await createInventoryLevelsWorkflow(container).run({
        input: {
          inventory_levels: unstocked.map((inventory_item_id) => ({
            inventory_item_id,
            location_id: location.id,
            stocked_quantity: STOCKED_QUANTITY,
          })),
        },
      })
      created.push(`stock of ${STOCKED_QUANTITY} at "${WAREHOUSE.name}" for ${unstocked.length} variants`)
    }
  }

  if (created.length) {
    logger.info(`Catalogue: created ${created.join("; ")}`)
  } else {
    logger.info("Catalogue: already complete; nothing changed")
  }
  return { created }
}

interface LocationLinks {
  salesChannelIds: string[]
  providerIds: string[]
  fulfillmentSetIds: string[]
}

async function getLocationLinks(container: MedusaContainer, locationId: string): Promise<LocationLinks> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "stock_location",
    fields: ["id", "sales_channels.id", "fulfillment_providers.id", "fulfillment_sets.id"],
    filters: { id: locationId },
  })
  const row = (data[0] ?? {}) as {
    sales_channels?: Array<{ id: string } | null> | null
    fulfillment_providers?: Array<{ id: string } | null> | null
    fulfillment_sets?: Array<{ id: string } | null> | null
  }
  const ids = (list?: Array<{ id: string } | null> | null) => (list ?? []).flatMap((x) => (x ? [x.id] : []))
  return {
    salesChannelIds: ids(row.sales_channels),
    providerIds: ids(row.fulfillment_providers),
    fulfillmentSetIds: ids(row.fulfillment_sets),
  }
}

function toProductInput(
  product: ProductData,
  categoryId: string | undefined,
  salesChannelId: string,
  shippingProfileId: string
): CreateProductWorkflowInputDTO {
  if (!categoryId) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Category "${product.category}" of ${product.handle} is missing`)
  }
  return {
    title: product.title,
    handle: product.handle,
    subtitle: product.subtitle,
    description: product.description,
    status: ProductStatus.PUBLISHED,
    category_ids: [categoryId],
    shipping_profile_id: shippingProfileId,
    images: product.images.map((url) => ({ url })),
    thumbnail: product.images[0],
    options: [{ title: product.option, values: product.variants.map((v) => v.value) }],
    variants: product.variants.map((v) => ({
      title: v.value,
      sku: v.sku,
      manage_inventory: true,
      options: { [product.option]: v.value },
      prices: [
        { currency_code: "dkk", amount: v.prices.dkk },
        { currency_code: "eur", amount: v.prices.eur },
      ],
    })),
    sales_channels: [{ id: salesChannelId }],
  }
}
