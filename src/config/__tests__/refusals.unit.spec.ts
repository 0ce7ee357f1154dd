import { buildConfig, configProblems } from "../index"
import { isProduction, parseEnv } from "../env"
import { errorOf } from "./config-error"
import { PRODUCTION, SUPABASE_TX } from "./production-env"

describe("NODE_ENV", () => {
  it.each([
    ["production", true],
    ["prod", true],
    ["development", false],
    ["test", false],
    [undefined, false],
  ])("NODE_ENV=%s is production: %s (Medusa's isProduction)", (value, expected) => {
    expect(isProduction({ NODE_ENV: value })).toBe(expected)
  })

  it("applies the production rules to NODE_ENV=prod", () => {
    const { JWT_SECRET: _omit, ...env } = { ...PRODUCTION, NODE_ENV: "prod" }
    expect(errorOf(() => buildConfig(env)).message).toMatch(/^JWT_SECRET: is required in production/)
  })
})

describe("CORS", () => {
  it.each(["STORE_CORS", "ADMIN_CORS", "AUTH_CORS"])("refuses %s=* in production", (name) => {
    expect(errorOf(() => buildConfig({ ...PRODUCTION, [name]: "*" })).message).toMatch(
      new RegExp(`^${name}: "\\*" is not supported: Medusa passes the list to cors as origins`)
    )
  })

  it("refuses * in development too, where it blocks browsers just the same", () => {
    expect(errorOf(() => buildConfig({ STORE_CORS: "https://shop.example.dk, *" })).variable).toBe("STORE_CORS")
  })

  it("warns about a /regex/ that matches every origin", () => {
    const built = buildConfig({ ...PRODUCTION, STORE_CORS: "https://shop.example.dk,/.*/" })
    expect(built.warnings.map((w) => w.message)).toContainEqual(
      "STORE_CORS: /.*/ matches every origin (e.g. https://attacker.invalid), so any site may call this API with the user's cookies"
    )
  })

  it("accepts an anchored /regex/ without a warning", () => {
    const built = buildConfig({ ...PRODUCTION, STORE_CORS: "/^https:\\/\\/([a-z0-9-]+\\.)?shop\\.example\\.dk$/" })
    expect(built.warnings.filter((w) => w.message.includes("CORS"))).toEqual([])
    expect(built.config.projectConfig!.http!.storeCors).toBe("/^https:\\/\\/([a-z0-9-]+\\.)?shop\\.example\\.dk$/")
  })

  it("refuses a /regex/ that does not compile", () => {
    expect(errorOf(() => buildConfig({ ...PRODUCTION, STORE_CORS: "/[a-/" })).variable).toBe("STORE_CORS")
  })

  it("reports every CORS problem to the doctor at once", () => {
    const variables = configProblems({ ...PRODUCTION, STORE_CORS: "*", ADMIN_CORS: "*" }).map((p) => p.variable)
    expect(variables).toEqual(["STORE_CORS", "ADMIN_CORS"])
  })
})

describe("PORT", () => {
  it.each(["ninety", "0", "65536", "80.5", "-1", "9000abc"])("refuses PORT=%s", (port) => {
    expect(errorOf(() => parseEnv({ PORT: port })).message).toBe(
      `PORT: must be a port number from 1 to 65535 (got "${port}")`
    )
  })

  it.each(["1", "9000", "65535"])("accepts PORT=%s", (port) => {
    expect(parseEnv({ PORT: port }).PORT).toBe(port)
  })
})

describe("DATABASE_SSL=verify-ca", () => {
  it("is refused without DATABASE_CA_CERT", () => {
    const { DATABASE_CA_CERT: _omit, ...env } = { ...PRODUCTION, DATABASE_SSL: "verify-ca" }
    expect(errorOf(() => buildConfig(env)).message).toBe(
      "DATABASE_SSL: verify-ca needs DATABASE_CA_CERT: without it any publicly trusted certificate passes, whoever's host it names; set DATABASE_CA_CERT (Supabase: prod-ca-2021.crt) or use verify-full"
    )
  })

  it("is refused when it comes from the URL's sslmode", () => {
    const { DATABASE_CA_CERT: _omit, ...env } = { ...PRODUCTION, DATABASE_URL: `${SUPABASE_TX}?sslmode=verify-ca` }
    expect(errorOf(() => buildConfig(env)).variable).toBe("DATABASE_URL")
  })

  it("is accepted with a CA", () => {
    const built = buildConfig({ ...PRODUCTION, DATABASE_SSL: "verify-ca" })
    expect(built.database?.sslMode).toBe("verify-ca")
  })
})

describe("a mistyped URL in an error", () => {
  it("does not show the password when the scheme's colon is missing", () => {
    const message = errorOf(() =>
      buildConfig({ DATABASE_URL: "postgres//postgres.ref:hunter2secret@db.example:6543/postgres" })
    ).message
    expect(message).toContain("is not a URL")
    expect(message).not.toContain("hunter2secret")
  })
})
