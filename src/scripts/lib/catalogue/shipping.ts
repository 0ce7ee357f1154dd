import type { FulfillmentWorkflow, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import {
  createServiceZonesWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
} from "@medusajs/medusa/core-flows"
import {
  DEFAULT_SHIPPING_PROFILE_NAME,
  FULFILLMENT_PROVIDER_ID,
  FULFILLMENT_SET_NAME,
  SERVICE_ZONES,
  type ServiceZoneData,
  SHIPPING_OPTIONS,
  WAREHOUSE,
} from "../catalogue-data"
import { missing } from "./missing"
import type { Warehouse } from "./warehouse"

/**
 * Delivery from the warehouse: the default shipping profile, a fulfillment
 * set linked to the warehouse, its service zones (Denmark, EU) and Standard
 * and Express in every zone. Appends what it creates to `created`; returns
 * the shipping profile's id for the products.
 */
export async function ensureShipping(
  container: MedusaContainer,
  warehouse: Warehouse,
  created: string[]
): Promise<string> {
  const { location, links } = warehouse
  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
  let [shippingProfile] = await fulfillmentModule.listShippingProfiles({ type: "default" })
  if (!shippingProfile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: DEFAULT_SHIPPING_PROFILE_NAME, type: "default" }] },
    })
    shippingProfile = result[0]
    created.push(`shipping profile "${DEFAULT_SHIPPING_PROFILE_NAME}"`)
  }

  let [fulfillmentSet] = await fulfillmentModule.listFulfillmentSets({ name: FULFILLMENT_SET_NAME })
  if (!fulfillmentSet) {
    fulfillmentSet = await fulfillmentModule.createFulfillmentSets({ name: FULFILLMENT_SET_NAME, type: "shipping" })
    created.push(`fulfillment set "${FULFILLMENT_SET_NAME}"`)
  }
  if (!links.fulfillmentSetIds.includes(fulfillmentSet.id)) {
    await container.resolve(ContainerRegistrationKeys.LINK).create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
    })
    created.push(`link from "${WAREHOUSE.name}" to "${FULFILLMENT_SET_NAME}"`)
  }

  const existingZones = await fulfillmentModule.listServiceZones(
    { fulfillment_set: { id: fulfillmentSet.id } },
    { relations: ["shipping_options"] }
  )
  const missingZones = missing(SERVICE_ZONES, existingZones, (z) => z.name)
  if (missingZones.length) {
    const { result } = await createServiceZonesWorkflow(container).run({
      input: { data: missingZones.map((zone) => toServiceZoneInput(zone, fulfillmentSet.id)) },
    })
    existingZones.push(...result.map((zone) => ({ ...zone, shipping_options: [] })))
    created.push(`service zones ${missingZones.map((z) => `"${z.name}"`).join(", ")}`)
  }

  const optionsToCreate: Array<{ zoneName: string; input: FulfillmentWorkflow.CreateShippingOptionsWorkflowInput }> = []
  for (const zoneData of SERVICE_ZONES) {
    const zone = existingZones.find((z) => z.name === zoneData.name)
    if (!zone) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Service zone "${zoneData.name}" was not created`)
    }
    for (const option of missing(SHIPPING_OPTIONS, zone.shipping_options ?? [], (o) => o.name)) {
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
  return shippingProfile.id
}

function toServiceZoneInput(zone: ServiceZoneData, fulfillmentSetId: string) {
  return {
    name: zone.name,
    fulfillment_set_id: fulfillmentSetId,
    geo_zones: zone.countries.map((country_code) => ({ type: "country" as const, country_code })),
  }
}
