import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ensureMinimalStore, type MinimalStore } from "../minimal-store"
import { ensureStock } from "./inventory"
import { ensureCollections } from "./collections"
import { ensureCosmetics } from "./cosmetics"
import { ensureProductImages } from "./images"
import { ensureStripeInRegions } from "./payments"
import { ensureCategories, ensureProducts } from "./products"
import { ensureRegionsAndTax } from "./regions"
import { ensureReturnReasons } from "./return-reasons"
import { ensureShipping } from "./shipping"
import { ensureTranslations } from "./translations"
import { ensureVat } from "./vat"
import { ensureWarehouse } from "./warehouse"

export interface CatalogueResult {
  /** What this run changed (including the minimal store's part); empty when nothing was missing. */
  created: string[]
}

/**
 * The beauty shop's demo catalogue on top of the minimal store: an EU region,
 * tax regions and VAT (./regions.ts, ./vat.ts), Stripe in both regions when it
 * is configured (./payments.ts), a Copenhagen warehouse
 * (./warehouse.ts) with delivery to Denmark and the EU, Standard and Express
 * shipping (./shipping.ts), four categories and the products of
 * ./product-data.ts (./products.ts) with their cosmetics data (./cosmetics.ts)
 * and their pictures uploaded through the
 * File Module (./images.ts), two collections for the storefront's home page
 * (./collections.ts), stock at the warehouse (./inventory.ts), the return
 * reasons (./return-reasons.ts) and, last, the English translation of all
 * of it (./translations.ts; the base content is Danish). The rest of the
 * data is in ../catalogue-data.ts.
 *
 * Every piece is looked up (by name, handle or SKU) before it is created, so
 * a second run changes nothing and a partial earlier run is completed rather
 * than duplicated. Pass `store` when ensureMinimalStore has just run.
 */
export async function ensureCatalogue(container: MedusaContainer, store?: MinimalStore): Promise<CatalogueResult> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const created: string[] = []

  if (!store) {
    store = await ensureMinimalStore(container)
    created.push(...store.created)
  }
  const { salesChannelId } = store

  await ensureRegionsAndTax(container, created)
  await ensureStripeInRegions(container, created)
  created.push(...(await ensureVat(container)))
  const warehouse = await ensureWarehouse(container, salesChannelId, created)
  const shippingProfileId = await ensureShipping(container, warehouse, created)
  const categoryIds = await ensureCategories(container, created)
  await ensureProducts(container, { categoryIds, salesChannelId, shippingProfileId }, created)
  await ensureCosmetics(container, created)
  await ensureProductImages(container, created)
  await ensureCollections(container, created)
  await ensureStock(container, warehouse.location.id, created)
  await ensureReturnReasons(container, created)
  await ensureTranslations(container, created)

  if (created.length) {
    logger.info(`Catalogue: created ${created.join("; ")}`)
  } else {
    logger.info("Catalogue: already complete; nothing changed")
  }
  return { created }
}
