/**
 * The shop's two languages through the Store API: Danish base content by
 * default, English from the Translation Module with `x-medusa-locale: en-GB`
 * or `?locale=en-GB`, for everything the seed writes; and the same through
 * @medusajs/js-sdk's setLocale, as a browser storefront calls it.
 */
import Medusa from "@medusajs/js-sdk"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { batchTranslationsWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ensureCatalogue } from "../../src/scripts/lib/catalogue"
import { DENMARK_REGION, STOREFRONT_KEY_TITLE } from "../../src/scripts/lib/minimal-store"
import EmailLogNotificationService from "../../src/modules/email-log/service"
import { DANISH_ADDRESS } from "../helpers/customer"
import { confirm } from "../helpers/worker-duties"

jest.setTimeout(180 * 1000)

const PRODUCT_FIELDS = "fields=title,subtitle,description,*options,*options.values,*variants,*categories,*collection"

async function seededStore(container: MedusaContainer) {
  await ensureCatalogue(container)
  const [key] = await container
    .resolve(Modules.API_KEY)
    .listApiKeys({ title: STOREFRONT_KEY_TITLE, type: "publishable" })
  const [region] = await container.resolve(Modules.REGION).listRegions({ name: DENMARK_REGION })
  return { key: key.token, regionId: region.id }
}

/** What a shopper reads of a product page. */
function productTexts(product: any) {
  return {
    title: product.title,
    subtitle: product.subtitle,
    description: product.description,
    option: product.options.map((o: any) => o.title),
    values: product.options.flatMap((o: any) => o.values.map((v: any) => v.value)).sort(),
    variants: product.variants.map((v: any) => v.title).sort(),
    categories: product.categories.map((c: any) => c.name),
    collection: product.collection?.title,
  }
}

const DANISH_LIPSTICK = {
  title: "Satin Læbestift",
  subtitle: "Cremet læbestift med satinfinish",
  description: "Langtidsholdbar læbestift med sheasmør, der plejer læberne.",
  option: ["Nuance"],
  values: ["Klassisk rød", "Nude", "Rosewood"],
  variants: ["Klassisk rød", "Nude", "Rosewood"],
  categories: ["Makeup"],
  collection: "Bestsellere",
}

const ENGLISH_LIPSTICK = {
  title: "Satin Lipstick",
  subtitle: "Creamy lipstick with a satin finish",
  description: "Long-lasting lipstick with shea butter that cares for the lips.",
  option: ["Shade"],
  values: ["Classic red", "Nude", "Rosewood"],
  variants: ["Classic red", "Nude", "Rosewood"],
  categories: ["Make-up"],
  collection: "Bestsellers",
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    describe("Store API languages", () => {
      // The runner resets the database between tests, so each test seeds.
      it("answers Danish without a locale and English with x-medusa-locale or ?locale=en-GB", async () => {
        const { key } = await seededStore(getContainer())
        const lipstick = async (locale: { header?: string; query?: string }) => {
          const query = locale.query ? `&locale=${locale.query}` : ""
          const headers: Record<string, string> = { "x-publishable-api-key": key }
          if (locale.header) headers["x-medusa-locale"] = locale.header
          const { data } = await api.get(`/store/products?handle=satin-lipstick&${PRODUCT_FIELDS}${query}`, {
            headers,
          })
          expect(data.products).toHaveLength(1)
          return productTexts(data.products[0])
        }

        expect(await lipstick({})).toEqual(DANISH_LIPSTICK)
        expect(await lipstick({ header: "en-GB" })).toEqual(ENGLISH_LIPSTICK)
        expect(await lipstick({ query: "en-GB" })).toEqual(ENGLISH_LIPSTICK)
        // Danish asked for by name is the base content: it has no translation rows.
        expect(await lipstick({ header: "da-DK" })).toEqual(DANISH_LIPSTICK)
      })

      it("shows a staff edit of a translation at once, and the next seed run puts the catalogue's text back", async () => {
        const container = getContainer()
        const { key } = await seededStore(container)
        const englishTitle = async () =>
          (
            await api.get("/store/products?handle=satin-lipstick&fields=title", {
              headers: { "x-publishable-api-key": key, "x-medusa-locale": "en-GB" },
            })
          ).data.products[0].title
        expect(await englishTitle()).toBe("Satin Lipstick")

        const [product] = await container.resolve(Modules.PRODUCT).listProducts({ handle: "satin-lipstick" })
        const [row] = await container
          .resolve(Modules.TRANSLATION)
          .listTranslations({ reference_id: product.id, locale_code: "en-GB" })
        await batchTranslationsWorkflow(container).run({
          input: {
            create: [],
            update: [{ id: row.id, translations: { ...row.translations, title: "Edited" } }],
            delete: [],
          },
        })
        expect(await englishTitle()).toBe("Edited")

        const rerun = await ensureCatalogue(container)
        expect(rerun.created).toEqual(["en-GB translations (0 new, 1 corrected)"])
        expect(await englishTitle()).toBe("Satin Lipstick")
      })

      it("lists the store's languages and translates categories, collections and return reasons", async () => {
        const { key } = await seededStore(getContainer())
        const get = async (path: string, locale?: string) => {
          const headers: Record<string, string> = { "x-publishable-api-key": key }
          if (locale) headers["x-medusa-locale"] = locale
          return (await api.get(path, { headers })).data
        }

        const { locales } = await get("/store/locales")
        expect(locales.map((l: { code: string }) => l.code).sort()).toEqual(["da-DK", "en-GB"])

        const categoryNames = async (locale?: string) =>
          (await get("/store/product-categories?fields=name,handle&limit=50", locale)).product_categories
            .map((c: { name: string }) => c.name)
            .sort()
        expect(await categoryNames()).toEqual(["Hudpleje", "Hår", "Krop", "Makeup"])
        expect(await categoryNames("en-GB")).toEqual(["Body", "Hair", "Make-up", "Skincare"])

        const collectionTitles = async (locale?: string) =>
          (await get("/store/collections", locale)).collections.map((c: { title: string }) => c.title).sort()
        expect(await collectionTitles()).toEqual(["Bestsellere", "Nyheder"])
        expect(await collectionTitles("en-GB")).toEqual(["Bestsellers", "New arrivals"])

        const reasons = (await get("/store/return-reasons", "en-GB")).return_reasons
        const unopened = reasons.find((r: { value: string }) => r.value === "unopened")
        expect((await get(`/store/return-reasons/${unopened.id}`, "en-GB")).return_reason).toMatchObject({
          label: "Unopened item",
          description: "The item is sealed and in its original packaging",
        })
        expect((await get(`/store/return-reasons/${unopened.id}`)).return_reason.label).toBe("Uåbnet vare")
        const missing = await api.get("/store/return-reasons/rr_missing", {
          headers: { "x-publishable-api-key": key },
          validateStatus: () => true,
        })
        expect(missing.status).toBe(404)

        const reasonLabels = async (locale?: string) =>
          (await get("/store/return-reasons", locale)).return_reasons.map((r: { label: string }) => r.label).sort()
        expect(await reasonLabels()).toEqual(["Beskadiget ved levering", "Forkert vare", "Fortrudt køb", "Uåbnet vare"])
        expect(await reasonLabels("en-GB")).toEqual([
          "Changed my mind",
          "Damaged on delivery",
          "Unopened item",
          "Wrong item",
        ])
      })

      it("names a cart's shipping options in the cart's language", async () => {
        const { key, regionId } = await seededStore(getContainer())
        const headers = { "x-publishable-api-key": key }
        const optionNames = async (locale?: string) => {
          const { data } = await api.post(
            "/store/carts",
            { region_id: regionId, ...(locale ? { locale } : {}) },
            { headers }
          )
          await api.post(
            `/store/carts/${data.cart.id}`,
            { shipping_address: { country_code: "dk", postal_code: "2100", city: "København" } },
            { headers }
          )
          const localeHeader: Record<string, string> = locale ? { "x-medusa-locale": locale } : {}
          const options = await api.get(`/store/shipping-options?cart_id=${data.cart.id}`, {
            headers: { ...headers, ...localeHeader },
          })
          return {
            cartLocale: data.cart.locale ?? null,
            names: options.data.shipping_options.map((o: any) => o.name).sort(),
          }
        }
        expect(await optionNames()).toEqual({ cartLocale: null, names: ["Express", "Standard"] })
        expect(await optionNames("en-GB")).toEqual({
          cartLocale: "en-GB",
          names: ["Express delivery", "Standard delivery"],
        })
      })

      it("writes the order confirmation in the language of the cart, with the same content", async () => {
        const container = getContainer()
        const { key, regionId } = await seededStore(container)
        const options = { headers: { "x-publishable-api-key": key } }
        /** A storefront's checkout of one red lipstick with Standard shipping; the email the worker writes for it. */
        const checkoutEmail = async (locale?: string) => {
          const { data: list } = await api.get(`/store/products?handle=satin-lipstick&fields=*variants`, options)
          const red = list.products[0].variants.find((v: { sku: string }) => v.sku === "MAKEUP-LIPSTICK-RED")
          const { data } = await api.post(
            "/store/carts",
            {
              region_id: regionId,
              email: "karen@example.dk",
              shipping_address: DANISH_ADDRESS,
              billing_address: DANISH_ADDRESS,
              ...(locale ? { locale } : {}),
            },
            options
          )
          const cartId = data.cart.id
          await api.post(`/store/carts/${cartId}/line-items`, { variant_id: red.id, quantity: 1 }, options)
          const { data: shipping } = await api.get(`/store/shipping-options?cart_id=${cartId}`, options)
          const standard = shipping.shipping_options.find((o: { amount: number }) => o.amount === 49)
          await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: standard.id }, options)
          const { data: collection } = await api.post("/store/payment-collections", { cart_id: cartId }, options)
          await api.post(
            `/store/payment-collections/${collection.payment_collection.id}/payment-sessions`,
            { provider_id: "pp_system_default" },
            options
          )
          // What the email provider is handed (the log provider of the tests; it still logs it). Watched from
          // before the order exists: the app's own order.placed subscriber may send first, and then the call
          // below, which waits for its lock, finds that email and sends nothing. Either way exactly one goes out.
          const send = jest.spyOn(EmailLogNotificationService.prototype, "send")
          let handed: Parameters<EmailLogNotificationService["send"]>[0][]
          try {
            const { data: completed } = await api.post(`/store/carts/${cartId}/complete`, {}, options)
            expect(completed.type).toBe("order")
            await confirm(container, completed.order.id)
          } finally {
            handed = send.mock.calls.map(([notification]) => notification)
            send.mockRestore()
          }
          expect(handed).toHaveLength(1)
          const content = handed[0].content!
          return { subject: content.subject!, lines: content.text!.replace(/\u00a0/g, " ").split("\n") }
        }

        const danish = await checkoutEmail()
        const english = await checkoutEmail("en-GB")
        expect(danish.subject).toMatch(/^Tak for din ordre #\d+$/)
        expect(english.subject).toMatch(/^Thank you for your order #\d+$/)
        expect(danish.lines).toEqual(
          expect.arrayContaining(["1 × Satin Læbestift (Klassisk rød): 179,00 kr.", "Fragt (Standard): 49,00 kr."])
        )
        expect(english.lines).toEqual(
          expect.arrayContaining([
            "1 × Satin Lipstick (Classic red): DKK 179.00",
            "Shipping (Standard delivery): DKK 49.00",
            "Total: DKK 228.00",
          ])
        )
        // The same content: line for line, only the words differ.
        expect(english.lines.length).toBe(danish.lines.length)
      })

      it("answers English through @medusajs/js-sdk's setLocale, as a browser storefront asks", async () => {
        const { key } = await seededStore(getContainer())
        // setLocale is for the browser (a server-side storefront sends the header itself); a window
        // without localStorage keeps the locale in the client.
        const globals = globalThis as { window?: unknown }
        globals.window = {}
        try {
          const sdk = new Medusa({ baseUrl: api.defaults.baseURL as string, publishableKey: key })
          const titles = async () =>
            (await sdk.store.product.list({ handle: "satin-lipstick", fields: "title,*options" })).products.map((p) => [
              p.title,
              p.options?.map((o) => o.title),
            ])
          expect(await titles()).toEqual([["Satin Læbestift", ["Nuance"]]])
          sdk.setLocale("en-GB")
          expect(await titles()).toEqual([["Satin Lipstick", ["Shade"]]])
        } finally {
          delete globals.window
        }
      })
    })
  },
})
