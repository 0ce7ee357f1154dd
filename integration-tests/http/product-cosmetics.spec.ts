/**
 * A product's cosmetics data (EU Cosmetics Regulation art. 19): staff save it
 * through the Admin API, which refuses invalid data with a 400 naming every
 * problem; the Store API returns it with the product (`fields=+cosmetics.*`),
 * its texts in the request's language; the seed fills it for every product.
 */
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ensureAdminUser } from "../../src/scripts/lib/admin-user"
import { ensureCatalogue } from "../../src/scripts/lib/catalogue"
import { PRODUCTS } from "../../src/scripts/lib/catalogue-data"
import { STOREFRONT_KEY_TITLE } from "../../src/scripts/lib/minimal-store"

jest.setTimeout(180 * 1000)

const ADMIN_EMAIL = "staff@beauty-shop.test"
const ADMIN_PASSWORD = "cosmetics-staff-password-1"

const label = {
  ingredients: ["AQUA", "GLYCERIN", "NIACINAMIDE", "SODIUM HYALURONATE"],
  pao_months: 12,
  durability_date: null,
  nominal_content_amount: 30,
  nominal_content_unit: "ml",
  responsible_person_name: "Beauty Shop ApS",
  responsible_person_address: "Vesterbrogade 1, 1620 København V, Danmark",
  responsible_person_country: "DK",
  precautions: "Undgå kontakt med øjnene.",
  product_function: "Fugtgivende serum",
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    async function seeded() {
      const container = getContainer()
      await ensureCatalogue(container)
      await ensureAdminUser(container, ADMIN_EMAIL, ADMIN_PASSWORD)
      const { data } = await api.post("/auth/user/emailpass", { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
      const [key] = await container
        .resolve(Modules.API_KEY)
        .listApiKeys({ title: STOREFRONT_KEY_TITLE, type: "publishable" })
      const admin = { headers: { authorization: `Bearer ${data.token}` }, validateStatus: () => true }
      const store = (locale?: string) => ({
        headers: { "x-publishable-api-key": key.token, ...(locale ? { "x-medusa-locale": locale } : {}) },
      })
      const productId = async (handle: string) =>
        (await api.get(`/admin/products?handle=${handle}&fields=id`, admin)).data.products[0].id as string
      return { admin, store, productId }
    }

    describe("cosmetics data", () => {
      it("comes with every seeded product through the Store API, its texts in the request's language", async () => {
        const { store } = await seeded()
        const fields = "fields=handle,+cosmetics.*&limit=50"
        const danish = (await api.get(`/store/products?${fields}`, store())).data.products
        const serum = (list: any[]) => list.find((p) => p.handle === "hyaluron-serum").cosmetics
        expect(danish.filter((p: any) => p.cosmetics?.ingredients?.length).length).toBe(PRODUCTS.length)
        expect(serum(danish)).toMatchObject({
          ingredients: PRODUCTS.find((p) => p.handle === "hyaluron-serum")!.cosmetics.ingredients,
          pao_months: 12,
          nominal_content_amount: 30,
          nominal_content_unit: "ml",
          responsible_person_name: "Beauty Shop ApS",
          responsible_person_country: "dk",
          product_function: "Fugtgivende serum til ansigtet",
          precautions: "Undgå kontakt med øjnene.",
        })
        const english = (await api.get(`/store/products?${fields}`, store("en-GB"))).data.products
        expect(serum(english)).toMatchObject({
          ingredients: serum(danish).ingredients,
          product_function: "Hydrating facial serum",
          precautions: "Avoid contact with the eyes.",
        })
      })

      it("is saved by staff through the Admin API and shown in the Store API at once", async () => {
        const { admin, store, productId } = await seeded()
        const id = await productId("mild-cleanser")
        const saved = await api.post(
          `/admin/products/${id}/cosmetics`,
          { ...label, ingredients: ["AQUA", "COCO-GLUCOSIDE", "GLYCERIN"], pao_months: 6 },
          admin
        )
        expect(saved.status).toBe(200)
        expect(saved.data.cosmetics).toMatchObject({ pao_months: 6, responsible_person_country: "dk" })
        expect((await api.get(`/admin/products/${id}/cosmetics`, admin)).data.cosmetics.ingredients).toEqual([
          "AQUA",
          "COCO-GLUCOSIDE",
          "GLYCERIN",
        ])
        const { products } = (await api.get("/store/products?handle=mild-cleanser&fields=+cosmetics.*", store())).data
        const expected = {
          id: saved.data.cosmetics.id,
          ingredients: ["AQUA", "COCO-GLUCOSIDE", "GLYCERIN"],
          pao_months: 6,
        }
        expect(products[0].cosmetics).toMatchObject(expected)
        const one = await api.get(`/store/products/${id}?fields=*cosmetics`, store())
        expect(one.data.product.cosmetics).toMatchObject(expected)
      })

      it("refuses invalid data with a 400 naming every problem, and keeps what was saved", async () => {
        const { admin, productId } = await seeded()
        const id = await productId("hand-cream")
        const before = (await api.get(`/admin/products/${id}/cosmetics`, admin)).data.cosmetics
        const refused = await api.post(
          `/admin/products/${id}/cosmetics`,
          { ...label, ingredients: ["AQUA", "<b>GLYCERIN</b>"], pao_months: 61, nominal_content_amount: 0 },
          admin
        )
        expect(refused.status).toBe(400)
        expect(refused.data.message).toBe(
          'Cosmetics data: ingredients: "<b>GLYCERIN</b>" is not an INCI name (Latin letters, digits, spaces and , . - / ( ) \' + & : [ ] only); ' +
            "pao_months: a whole number of months from 1 to 60 (got 61); nominal_content_amount: more than 0 (got 0)"
        )
        const wrongType = await api.post(`/admin/products/${id}/cosmetics`, { ...label, pao_months: "12" }, admin)
        expect(wrongType.status).toBe(400)
        expect(JSON.stringify(wrongType.data)).toContain("pao_months")
        expect((await api.get(`/admin/products/${id}/cosmetics`, admin)).data.cosmetics).toEqual(before)
      })

      it("answers 404 for a product that does not exist, and 401 without a staff login", async () => {
        const { admin } = await seeded()
        const missing = await api.post("/admin/products/prod_missing/cosmetics", label, admin)
        expect(missing.status).toBe(404)
        const anonymous = await api.post("/admin/products/prod_missing/cosmetics", label, {
          validateStatus: () => true,
        })
        expect(anonymous.status).toBe(401)
      })
    })
  },
})
