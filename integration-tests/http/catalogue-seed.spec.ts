import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs"
import { join } from "node:path"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  deleteInventoryLevelsWorkflow,
  deleteShippingOptionsWorkflow,
  updateProductsWorkflow,
  updateRegionsWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ensureCatalogue } from "../../src/scripts/lib/catalogue"
import { IMAGE_DIR, SEED_IMAGE_KEY } from "../../src/scripts/lib/catalogue/images"
import { COLLECTIONS, PRODUCTS } from "../../src/scripts/lib/catalogue-data"
import { DENMARK_REGION, MEDUSA_DEFAULT_KEY_TITLE, STOREFRONT_KEY_TITLE } from "../../src/scripts/lib/minimal-store"

jest.setTimeout(180 * 1000)

async function countCatalogue(container: MedusaContainer) {
  const [, products] = await container.resolve(Modules.PRODUCT).listAndCountProducts({})
  const [, categories] = await container.resolve(Modules.PRODUCT).listAndCountProductCategories({})
  const [, regions] = await container.resolve(Modules.REGION).listAndCountRegions({})
  const [, shippingOptions] = await container.resolve(Modules.FULFILLMENT).listAndCountShippingOptions({})
  const [, stockLocations] = await container.resolve(Modules.STOCK_LOCATION).listAndCountStockLocations({})
  const taxRegions = (await container.resolve(Modules.TAX).listTaxRegions({})).length
  const [, inventoryLevels] = await container.resolve(Modules.INVENTORY).listAndCountInventoryLevels({})
  const vatRates = Object.fromEntries(
    (await container.resolve(Modules.TAX).listTaxRates({}, { relations: ["tax_region"] }))
      .filter((rate) => rate.is_default)
      .map((rate) => [(rate as { tax_region?: { country_code?: string } }).tax_region?.country_code, rate.rate])
  )
  const taxInclusivePrices = (await container.resolve(Modules.PRICING).listPricePreferences({}))
    .filter((p) => p.is_tax_inclusive)
    .map((p) => p.attribute)
    .sort()
  return {
    products,
    categories,
    regions,
    shippingOptions,
    stockLocations,
    taxRegions,
    inventoryLevels,
    vatRates,
    taxInclusivePrices,
  }
}

// Medusa's local file provider (the test sets no S3_ variables) writes
// uploads to ./static, served under /static; afterAll removes this suite's.
const STATIC_DIR = join(process.cwd(), "static")
const staticFiles = () => (existsSync(STATIC_DIR) ? readdirSync(STATIC_DIR).sort() : [])
const staticBefore = new Set(staticFiles())
afterAll(() => staticFiles().forEach((name) => staticBefore.has(name) || rmSync(join(STATIC_DIR, name))))

/** Each product's thumbnail, image URLs and seed mark, by handle. */
async function productImages(container: MedusaContainer) {
  const products = await container.resolve(Modules.PRODUCT).listProducts({}, { relations: ["images"] })
  return Object.fromEntries(
    products.map((p) => [
      p.handle,
      { thumbnail: p.thumbnail, images: (p.images ?? []).map((i) => i.url), mark: p.metadata?.[SEED_IMAGE_KEY] },
    ])
  )
}

/** "Title (handle)" of each collection, with its products' handles. */
async function collectionProducts(container: MedusaContainer) {
  const collections = await container.resolve(Modules.PRODUCT).listProductCollections({}, { relations: ["products"] })
  return Object.fromEntries(
    collections.map((c) => [`${c.title} (${c.handle})`, (c.products ?? []).map((p) => p.handle).sort()])
  )
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    /** The URL's path and which committed picture the app serves there, as a PNG. */
    const servedPng = async (url: string) => {
      const { pathname } = new URL(url)
      const served = await api.get(pathname, { responseType: "arraybuffer" })
      expect(served.headers["content-type"]).toEqual("image/png")
      const file = readdirSync(IMAGE_DIR).find((f) => readFileSync(join(IMAGE_DIR, f)).equals(Buffer.from(served.data)))
      return { path: pathname, file }
    }

    describe("Catalogue seed", () => {
      // One test: the runner resets the database between tests.
      it("seeds once, changes nothing the second time and serves the catalogue", async () => {
        const container = getContainer()

        const publishableKeyTitles = async () =>
          (await container.resolve(Modules.API_KEY).listApiKeys({ type: "publishable" })).map((k) => k.title)
        expect(await publishableKeyTitles()).toEqual([MEDUSA_DEFAULT_KEY_TITLE])

        const first = await ensureCatalogue(container)
        expect(first.created.length).toBeGreaterThan(0)
        // One obvious key: the one whose channel holds the catalogue.
        expect(await publishableKeyTitles()).toEqual([STOREFRONT_KEY_TITLE])
        const afterFirst = await countCatalogue(container)
        expect(afterFirst.products).toBeGreaterThanOrEqual(12)
        expect(afterFirst.categories).toEqual(4)
        expect(afterFirst.regions).toEqual(2)
        expect(afterFirst.shippingOptions).toEqual(4)
        expect(afterFirst.stockLocations).toEqual(1)
        expect(afterFirst.taxRegions).toEqual(7)
        expect(afterFirst.vatRates).toEqual({ dk: 25, de: 19, se: 25, fr: 20, nl: 21, es: 21, it: 22 })
        // both currencies and both regions: prices include VAT
        expect(afterFirst.taxInclusivePrices).toEqual(["currency_code", "currency_code", "region_id", "region_id"])

        const images = await productImages(container)
        for (const [handle, file] of PRODUCTS.map((p) => [p.handle, p.images[0]])) {
          const { thumbnail, images: urls, mark } = images[handle]
          expect([handle, urls, mark]).toEqual([handle, [thumbnail], file])
          expect(await servedPng(thumbnail!)).toEqual({ path: expect.stringMatching(`^/static/\\d+-${file}$`), file })
        }
        const collections = await collectionProducts(container)
        expect(Object.keys(collections).sort()).toEqual(["Bestsellere (bestsellers)", "Nyheder (new-arrivals)"])
        expect(collections).toEqual(
          Object.fromEntries(COLLECTIONS.map((c) => [`${c.title} (${c.handle})`, [...c.products].sort()]))
        )
        expect(COLLECTIONS.map((c) => c.products.length)).toEqual([4, 4])
        const uploaded = staticFiles()

        const second = await ensureCatalogue(container)
        expect(second.created).toEqual([])
        expect(await countCatalogue(container)).toEqual(afterFirst)
        expect(await productImages(container)).toEqual(images)
        expect(staticFiles()).toEqual(uploaded)
        expect(await collectionProducts(container)).toEqual(collections)

        const [region] = await container.resolve(Modules.REGION).listRegions({ name: DENMARK_REGION })
        const [key] = await container
          .resolve(Modules.API_KEY)
          .listApiKeys({ title: STOREFRONT_KEY_TITLE, type: "publishable" })
        const headers = { "x-publishable-api-key": key.token }

        const products = await api.get(
          `/store/products?region_id=${region.id}&fields=*variants.calculated_price&limit=100`,
          { headers }
        )
        expect(products.status).toEqual(200)
        expect(products.data.products.length).toBeGreaterThanOrEqual(12)
        for (const product of products.data.products) {
          expect(product.variants.length).toBeGreaterThanOrEqual(1)
          for (const variant of product.variants) {
            expect(variant.calculated_price).toEqual(
              expect.objectContaining({ currency_code: "dkk", calculated_amount: expect.any(Number) })
            )
            expect(variant.calculated_price.calculated_amount).toBeGreaterThan(0)
            expect(variant.calculated_price.is_calculated_price_tax_inclusive).toBe(true)
          }
        }

        const cart = await api.post(
          "/store/carts",
          { region_id: region.id, shipping_address: { country_code: "dk" } },
          { headers }
        )
        expect(cart.status).toEqual(200)
        const options = await api.get(`/store/shipping-options?cart_id=${cart.data.cart.id}`, { headers })
        expect(options.status).toEqual(200)
        const byName = Object.fromEntries(
          options.data.shipping_options.map((o: { name: string; amount: number }) => [o.name, o.amount])
        )
        expect(byName).toEqual({ Standard: 49, Express: 99 })
      })

      it("replaces an external thumbnail from an earlier seed with an uploaded picture", async () => {
        const container = getContainer()
        await ensureCatalogue(container)
        const external = "https://images.unsplash.com/photo-1620916566398-39f1143ab7be?w=1200"
        const earlierSeed = { thumbnail: external, images: [{ url: external }], metadata: { [SEED_IMAGE_KEY]: "" } }
        await updateProductsWorkflow(container).run({
          input: { selector: { handle: "hyaluron-serum" }, update: earlierSeed },
        })
        const before = await productImages(container)
        expect(before["hyaluron-serum"]).toEqual(expect.objectContaining({ thumbnail: external, images: [external] }))

        const rerun = await ensureCatalogue(container)
        expect(rerun.created).toEqual(["images of 1 products (hyaluron-serum)"])
        const after = await productImages(container)
        const { thumbnail } = after["hyaluron-serum"]
        expect(after["hyaluron-serum"]).toEqual({ thumbnail, images: [thumbnail], mark: "hyaluron-serum.png" })
        expect(await servedPng(thumbnail!)).toEqual(expect.objectContaining({ file: "hyaluron-serum.png" }))
        expect({ ...after, "hyaluron-serum": undefined }).toEqual({ ...before, "hyaluron-serum": undefined })
      })

      it("gives a database seeded before VAT its rates and prices including VAT", async () => {
        const container = getContainer()
        await ensureCatalogue(container)
        const complete = await countCatalogue(container)

        // What an earlier seed left: tax regions without rates, prices without VAT.
        const tax = container.resolve(Modules.TAX)
        await tax.deleteTaxRates((await tax.listTaxRates({})).map((r) => r.id))
        for (const region of await container.resolve(Modules.REGION).listRegions({})) {
          await updateRegionsWorkflow(container).run({
            input: { selector: { id: region.id }, update: { is_tax_inclusive: false } },
          })
        }
        const old = await countCatalogue(container)
        expect(old.vatRates).toEqual({})
        expect(old.taxInclusivePrices).toEqual(["currency_code", "currency_code"])

        const rerun = await ensureCatalogue(container)
        expect(rerun.created).toEqual([
          "VAT rates dk 25%, de 19%, se 25%, fr 20%, nl 21%, es 21%, it 22%",
          'prices include VAT in regions "Danmark", "EU"',
        ])
        expect(await countCatalogue(container)).toEqual(complete)
      })

      it("completes a partial earlier run without duplicating anything", async () => {
        const container = getContainer()
        await ensureCatalogue(container)
        const complete = await countCatalogue(container)

        // Take away what a run cut short could have left out: the Express
        // options and the hand cream's stock.
        const express = await container.resolve(Modules.FULFILLMENT).listShippingOptions({ name: "Express" })
        expect(express).toHaveLength(2)
        await deleteShippingOptionsWorkflow(container).run({ input: { ids: express.map((o) => o.id) } })
        const { data: variants } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
          entity: "product_variant",
          fields: ["sku", "inventory_items.inventory_item_id"],
          filters: { sku: ["BODY-HANDCREAM-30", "BODY-HANDCREAM-75"] },
        })
        // Typed here: query.graph's result types come from .medusa/types, which
        // only exists after a build.
        const links: Array<{ inventory_item_id: string } | null> = variants.flatMap((v) => v.inventory_items ?? [])
        const itemIds = links.flatMap((i) => (i ? [i.inventory_item_id] : []))
        expect(itemIds).toHaveLength(2)
        await deleteInventoryLevelsWorkflow(container).run({ input: { inventory_item_id: itemIds, force: true } })
        const partial = await countCatalogue(container)
        expect(partial.shippingOptions).toEqual(complete.shippingOptions - 2)
        expect(partial.inventoryLevels).toEqual(complete.inventoryLevels - 2)

        const rerun = await ensureCatalogue(container)
        expect(rerun.created).toEqual([
          'shipping options "Express" (Danmark), "Express" (EU)',
          'stock of 100 at "Copenhagen warehouse" for 2 variants',
          "en-GB translations (2 new)",
        ])
        expect(await countCatalogue(container)).toEqual(complete)
      })
    })
  },
})
