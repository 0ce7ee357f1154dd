import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createStoreFixture, type StoreFixture } from "../helpers/store-fixtures"

jest.setTimeout(120 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    describe("Store API", () => {
      let fixture: StoreFixture

      beforeEach(async () => {
        fixture = await createStoreFixture(getContainer())
      })

      it("lists the channel's products with a publishable key", async () => {
        const response = await api.get("/store/products", {
          headers: { "x-publishable-api-key": fixture.publishableKey },
        })
        expect(response.status).toEqual(200)
        expect(response.data.products.map((p: { handle: string }) => p.handle)).toEqual([fixture.productHandle])
        expect(response.data.count).toEqual(1)
      })

      it("refuses a request without a publishable key with a 400, not a 5xx", async () => {
        const response = await api.get("/store/products", { validateStatus: () => true })
        expect(response.status).toEqual(400)
        expect(response.data.message).toMatch(/publishable/i)
      })

      it("answers a malformed query with a 400 that names the field", async () => {
        const response = await api.get("/store/products?limit=lots", {
          headers: { "x-publishable-api-key": fixture.publishableKey },
          validateStatus: () => true,
        })
        expect(response.status).toEqual(400)
        expect(JSON.stringify(response.data)).toContain("limit")
      })

      it("answers an unknown publishable key with a 4xx", async () => {
        const response = await api.get("/store/products", {
          headers: { "x-publishable-api-key": "pk_does_not_exist" },
          validateStatus: () => true,
        })
        expect(response.status).toBeGreaterThanOrEqual(400)
        expect(response.status).toBeLessThan(500)
      })
    })
  },
})
