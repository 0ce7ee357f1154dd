import { medusaIntegrationTestRunner } from "@medusajs/test-utils"

jest.setTimeout(120 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api }) => {
    describe("GET /health", () => {
      it("answers 200 OK", async () => {
        const response = await api.get("/health")
        expect(response.status).toEqual(200)
        expect(response.data).toEqual("OK")
      })

      it("is not a catch-all: an unknown path is a 404", async () => {
        const response = await api.get("/health-nope", { validateStatus: () => true })
        expect(response.status).toEqual(404)
      })
    })
  },
})
