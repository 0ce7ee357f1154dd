import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  deleteApiKeysWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  revokeApiKeysWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { SUPPORTED_LOCALES } from "../../config/languages"

export const WEBSHOP_CHANNEL = "Webshop"
export const STOREFRONT_KEY_TITLE = "Webshop storefront"
export const DENMARK_REGION = "Danmark"
/** The key Medusa makes at first start, linked to its "Default Sales Channel". */
export const MEDUSA_DEFAULT_KEY_TITLE = "Default Publishable API Key"

export interface MinimalStore {
  salesChannelId: string
  regionId: string
  publishableKey: string
  /** What this run changed; empty when everything already existed. */
  created: string[]
}

/**
 * The least a storefront needs to list products: the store's currencies
 * (DKK default, EUR), a Denmark region, a sales channel and a publishable key
 * linked to it. Each piece is looked up first, so a second run changes
 * nothing and a partial earlier run is completed rather than duplicated.
 */
export async function ensureMinimalStore(container: MedusaContainer): Promise<MinimalStore> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const created: string[] = []

  const salesChannelModule = container.resolve(Modules.SALES_CHANNEL)
  let [channel] = await salesChannelModule.listSalesChannels({ name: WEBSHOP_CHANNEL })
  if (!channel) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: [{ name: WEBSHOP_CHANNEL, description: "The beauty shop's own storefront" }] },
    })
    channel = result[0]
    created.push(`sales channel "${WEBSHOP_CHANNEL}"`)
  }

  const storeModule = container.resolve(Modules.STORE)
  const [store] = await storeModule.listStores({}, { relations: ["supported_currencies", "supported_locales"] })
  const currencies = (store.supported_currencies ?? []).map((c) => c.currency_code).sort()
  const defaultCurrency = store.supported_currencies?.find((c) => c.is_default)?.currency_code
  const locales = (store.supported_locales ?? []).map((l) => l.locale_code).sort()
  if (
    currencies.join(",") !== "dkk,eur" ||
    defaultCurrency !== "dkk" ||
    locales.join(",") !== [...SUPPORTED_LOCALES].sort().join(",") ||
    store.default_sales_channel_id !== channel.id
  ) {
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          name: "Beauty Shop",
          // Prices include VAT (see TAX_INCLUSIVE_CURRENCIES in ./catalogue-data.ts).
          supported_currencies: [
            { currency_code: "dkk", is_default: true, is_tax_inclusive: true },
            { currency_code: "eur", is_tax_inclusive: true },
          ],
          // GET /store/locales lists them; the first, Danish, is the base content (src/config/languages.ts).
          supported_locales: SUPPORTED_LOCALES.map((locale_code) => ({ locale_code })),
          default_sales_channel_id: channel.id,
        },
      },
    })
    created.push(`store currencies DKK (default) and EUR, languages ${SUPPORTED_LOCALES.join(" (default), ")}`)
  }

  const regionModule = container.resolve(Modules.REGION)
  let [region] = await regionModule.listRegions({ name: DENMARK_REGION })
  if (!region) {
    const { result } = await createRegionsWorkflow(container).run({
      input: {
        regions: [
          {
            name: DENMARK_REGION,
            currency_code: "dkk",
            countries: ["dk"],
            payment_providers: ["pp_system_default"],
            is_tax_inclusive: true,
          },
        ],
      },
    })
    region = result[0]
    created.push(`region "${DENMARK_REGION}" (DKK)`)
  }

  const apiKeyModule = container.resolve(Modules.API_KEY)
  let [key] = await apiKeyModule.listApiKeys({ title: STOREFRONT_KEY_TITLE, type: "publishable" })
  if (!key) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: STOREFRONT_KEY_TITLE, type: "publishable", created_by: "" }] },
    })
    key = result[0]
    created.push(`publishable API key "${STOREFRONT_KEY_TITLE}"`)
  }

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: keys } = await query.graph({
    entity: "api_key",
    fields: ["id", "sales_channels.id"],
    filters: { id: key.id },
  })
  const linkedChannels: Array<{ id: string } | null> = keys[0]?.sales_channels ?? []
  const linked = linkedChannels.some((c) => c?.id === channel.id)
  if (!linked) {
    await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: key.id, add: [channel.id] } })
    created.push(`link from the key to "${WEBSHOP_CHANNEL}"`)
  }

  // Medusa's own key shows the "Default Sales Channel", which holds no
  // products: a storefront developer who copied it from the admin would see
  // an empty catalogue. The shop's key is the only publishable key.
  const defaultKeys = await apiKeyModule.listApiKeys({ title: MEDUSA_DEFAULT_KEY_TITLE, type: "publishable" })
  const others = defaultKeys.filter((k) => k.id !== key.id)
  if (others.length) {
    const ids = others.map((k) => k.id)
    await revokeApiKeysWorkflow(container).run({
      input: { selector: { id: ids }, revoke: { revoked_by: "beauty-shop seed" } },
    })
    await deleteApiKeysWorkflow(container).run({ input: { ids } })
    created.push(`removed Medusa's "${MEDUSA_DEFAULT_KEY_TITLE}" (its channel holds no products)`)
  }

  if (created.length) {
    logger.info(`Seed: created ${created.join(", ")}`)
  } else {
    logger.info("Seed: the store was already set up; nothing changed")
  }
  return { salesChannelId: channel.id, regionId: region.id, publishableKey: key.token, created }
}
