import type { MedusaContainer, StockLocationDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStockLocationsWorkflow, linkSalesChannelsToStockLocationWorkflow } from "@medusajs/medusa/core-flows"
import { FULFILLMENT_PROVIDER_ID, WAREHOUSE } from "../catalogue-data"

/** What the warehouse is linked to (ids), as Query reads it. */
export interface LocationLinks {
  salesChannelIds: string[]
  providerIds: string[]
  fulfillmentSetIds: string[]
}

export interface Warehouse {
  location: StockLocationDTO
  links: LocationLinks
}

/**
 * The Copenhagen warehouse (a stock location), linked to the Webshop sales
 * channel and to the manual fulfillment provider. Appends what it creates to
 * `created`.
 */
export async function ensureWarehouse(
  container: MedusaContainer,
  salesChannelId: string,
  created: string[]
): Promise<Warehouse> {
  const stockLocationModule = container.resolve(Modules.STOCK_LOCATION)
  let [location] = await stockLocationModule.listStockLocations({ name: WAREHOUSE.name })
  if (!location) {
    const { result } = await createStockLocationsWorkflow(container).run({
      input: { locations: [{ name: WAREHOUSE.name, address: { ...WAREHOUSE.address } }] },
    })
    location = result[0]
    created.push(`stock location "${WAREHOUSE.name}"`)
  }

  const links = await getLocationLinks(container, location.id)
  if (!links.salesChannelIds.includes(salesChannelId)) {
    await linkSalesChannelsToStockLocationWorkflow(container).run({
      input: { id: location.id, add: [salesChannelId] },
    })
    created.push(`link from "${WAREHOUSE.name}" to the Webshop sales channel`)
  }
  // Shipping options can only use a provider enabled at the stock location
  // (validateFulfillmentProvidersStep), so the manual provider is linked.
  if (!links.providerIds.includes(FULFILLMENT_PROVIDER_ID)) {
    await container.resolve(ContainerRegistrationKeys.LINK).create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_provider_id: FULFILLMENT_PROVIDER_ID },
    })
    created.push(`fulfillment provider ${FULFILLMENT_PROVIDER_ID} at "${WAREHOUSE.name}"`)
  }
  return { location, links }
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
