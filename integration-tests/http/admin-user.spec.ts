import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ensureAdminUser } from "../../src/scripts/lib/admin-user"

jest.setTimeout(120 * 1000)

const EMAIL = "staff@beauty-shop.test"
const PASSWORD = "rose-serum-Q7v!k2#"

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    describe("admin user from MEDUSA_ADMIN_EMAIL / MEDUSA_ADMIN_PASSWORD", () => {
      it("is created once, can log in to the Admin API, and a second run leaves it alone", async () => {
        expect(await ensureAdminUser(getContainer(), EMAIL, PASSWORD)).toEqual("created")
        expect(await ensureAdminUser(getContainer(), EMAIL, "another-password-123")).toEqual("exists")

        const login = await api.post("/auth/user/emailpass", { email: EMAIL, password: PASSWORD })
        expect(login.status).toEqual(200)
        const me = await api.get("/admin/users/me", { headers: { authorization: `Bearer ${login.data.token}` } })
        expect(me.data.user.email).toEqual(EMAIL)

        const wrong = await api.post(
          "/auth/user/emailpass",
          { email: EMAIL, password: "another-password-123" },
          { validateStatus: () => true }
        )
        expect(wrong.status).toEqual(401)
      })
    })
  },
})
