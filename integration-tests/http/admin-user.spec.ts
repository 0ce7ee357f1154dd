import { spawn } from "node:child_process"
import { join } from "node:path"
import { Modules } from "@medusajs/framework/utils"
import { createUsersWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ensureAdminUser } from "../../src/scripts/lib/admin-user"

jest.setTimeout(180 * 1000)

const EMAIL = "staff@beauty-shop.test"
const PASSWORD = "rose-serum-Q7v!k2#"
const REPO = join(__dirname, "..", "..")

/** Runs `npm run admin-user -- <email>` with the password on standard input, as a pipe. */
function adminUserCommand(email: string, password: string, databaseUrl: string) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn("npm", ["run", "--silent", "admin-user", "--", email], {
      cwd: REPO,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl, NODE_ENV: "development" },
      stdio: ["pipe", "pipe", "pipe"],
    })
    let output = ""
    child.stdout.on("data", (chunk) => (output += chunk))
    child.stderr.on("data", (chunk) => (output += chunk))
    child.stdin.end(`${password}\n`)
    child.on("close", (code) => resolve({ code, output }))
  })
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer, dbConfig }) => {
    const login = (email: string, password: string) =>
      api.post("/auth/user/emailpass", { email, password }, { validateStatus: () => true })

    describe("admin user", () => {
      it("is created once, can log in to the Admin API, and a second run leaves it alone", async () => {
        expect(await ensureAdminUser(getContainer(), EMAIL, PASSWORD)).toEqual("created")
        expect(await ensureAdminUser(getContainer(), EMAIL, "another-password-123")).toEqual("exists")

        const ok = await login(EMAIL, PASSWORD)
        expect(ok.status).toEqual(200)
        const me = await api.get("/admin/users/me", { headers: { authorization: `Bearer ${ok.data.token}` } })
        expect(me.data.user.email).toEqual(EMAIL)
        expect((await login(EMAIL, "another-password-123")).status).toEqual(401)
      })

      it("gives a user without a login (an interrupted run) one, instead of calling it done", async () => {
        await createUsersWorkflow(getContainer()).run({ input: { users: [{ email: EMAIL }] } })
        expect(await ensureAdminUser(getContainer(), EMAIL, PASSWORD)).toEqual("repaired")
        expect((await login(EMAIL, PASSWORD)).status).toEqual(200)
      })

      it("leaves no user behind when the login cannot be registered", async () => {
        const customer = await api.post("/auth/customer/emailpass/register", {
          email: EMAIL,
          password: "customer-pw-123",
        })
        expect(customer.status).toEqual(200)
        await expect(ensureAdminUser(getContainer(), EMAIL, PASSWORD)).rejects.toThrow(
          `could not register a password for ${EMAIL}: Identity with email already exists`
        )
        expect(await getContainer().resolve(Modules.USER).listUsers({ email: EMAIL })).toEqual([])
      })

      it("npm run admin-user takes the password on standard input, not the command line", async () => {
        const refused = await adminUserCommand(EMAIL, "short", dbConfig.clientUrl)
        expect(refused.code).toEqual(1)
        expect(refused.output).toContain("error: the password must have at least 12 characters")

        const made = await adminUserCommand(EMAIL, PASSWORD, dbConfig.clientUrl)
        expect([made.code, made.output]).toEqual([0, expect.stringContaining(`Admin user ${EMAIL} created`)])
        expect(made.output).not.toContain(PASSWORD)
        expect((await login(EMAIL, PASSWORD)).status).toEqual(200)
      })
    })
  },
})
