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

      it("GET /health/ready reports the database as reachable, without secrets", async () => {
        const response = await api.get("/health/ready")
        expect(response.status).toEqual(200)
        expect(response.data).toMatchObject({
          status: "ok",
          mode: "shared",
          database: { ok: true },
          redis: { ok: true, latency_ms: null, detail: "not configured (development)" },
        })
        expect(typeof response.data.database.latency_ms).toBe("number")
        expect(typeof response.data.uptime_s).toBe("number")
        expect(JSON.stringify(response.data)).not.toMatch(/postgres:\/\/|localhost|password/i)
      })

      it("is not a catch-all: an unknown path is a 404", async () => {
        const response = await api.get("/health-nope", { validateStatus: () => true })
        expect(response.status).toEqual(404)
      })
    })
  },
})
