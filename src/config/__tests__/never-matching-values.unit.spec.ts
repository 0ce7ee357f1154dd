/**
 * Values that parse but can never match what they are compared with: the
 * shop refuses each with one line naming the variable (and the fix, where
 * there is exactly one), and still accepts the values that can match.
 */
import { buildConfig, configProblems } from "../index"
import { NODE_ENVS, parseEnv } from "../env"
import { LOG_LEVELS } from "../log-level"
import { errorOf } from "./config-error"
import { PRODUCTION } from "./production-env"

describe("NODE_ENV", () => {
  it("refuses a typo of production instead of running with development rules", () => {
    expect(errorOf(() => buildConfig({ ...PRODUCTION, NODE_ENV: "producton" })).message).toBe(
      'NODE_ENV: must be one of production, prod, development, test; any other value would run the shop with development rules (got "producton")'
    )
  })

  it.each(["Production", "PRODUCTION", " production", "staging", "dev", "develop"])("refuses NODE_ENV=%j", (value) => {
    expect(errorOf(() => buildConfig({ ...PRODUCTION, NODE_ENV: value })).variable).toBe("NODE_ENV")
  })

  it("refuses a bad NODE_ENV first, before the development rules would judge the rest", () => {
    expect(configProblems({ NODE_ENV: "producton" }).map((p) => p.variable)).toEqual(["NODE_ENV"])
  })

  it.each([...NODE_ENVS])("accepts NODE_ENV=%s", (value) => {
    expect(parseEnv({ NODE_ENV: value }).NODE_ENV).toBe(value)
  })

  it("still treats an unset or blank NODE_ENV as unset", () => {
    expect(parseEnv({ NODE_ENV: "" }).NODE_ENV).toBeUndefined()
  })
})

describe("a CORS origin browsers never send", () => {
  it("refuses a trailing slash and says what to write", () => {
    expect(errorOf(() => buildConfig({ ...PRODUCTION, STORE_CORS: "https://shop.example.dk/" })).message).toBe(
      'STORE_CORS: "https://shop.example.dk/" ends with "/"; browsers send the origin without it: write https://shop.example.dk'
    )
  })

  it.each([
    [
      "https://shop.example.dk/checkout",
      '"https://shop.example.dk/checkout" has a path, query or fragment; browsers send only scheme://host[:port]: write https://shop.example.dk',
    ],
    [
      "https://shop.example.dk?x=1",
      '"https://shop.example.dk?x=1" has a path, query or fragment; browsers send only scheme://host[:port]: write https://shop.example.dk',
    ],
    [
      "HTTPS://Shop.Example.dk",
      '"HTTPS://Shop.Example.dk" has upper-case letters; browsers send the scheme and host in lower case: write https://shop.example.dk',
    ],
    [
      "https://shop.example.dk:443",
      '"https://shop.example.dk:443" names the default port 443; browsers leave it out: write https://shop.example.dk',
    ],
    [
      "http://localhost:80",
      '"http://localhost:80" names the default port 80; browsers leave it out: write http://localhost',
    ],
    [
      "https://bøger.dk",
      '"https://bøger.dk" has a host name with letters outside ASCII; browsers send it in punycode: write https://xn--bger-gra.dk',
    ],
    [
      "https://shop.example.dk https://www.shop.example.dk",
      '"https://shop.example.dk https://www.shop.example.dk" contains whitespace, which no origin has; separate origins with a comma, e.g. https://shop.example.dk,https://www.shop.example.dk',
    ],
    [
      "https://*.example.dk",
      '"https://*.example.dk" contains "*", which cors compares as a plain character, not a wildcard; use a /regex/, e.g. /^https:\\/\\/[a-z0-9-]+\\.example\\.dk$/',
    ],
    [
      "/[a-/",
      "/[a-/ is not a valid /regex/ (Unterminated character class), so it would be compared as text and match nothing; e.g. /^https:\\/\\/([a-z0-9-]+\\.)?shop\\.example\\.dk$/",
    ],
  ])("refuses %j", (entry, message) => {
    expect(errorOf(() => buildConfig({ ...PRODUCTION, STORE_CORS: entry })).message).toBe(`STORE_CORS: ${message}`)
  })

  it("names the variable and the entry in a list, in ADMIN_CORS and AUTH_CORS too", () => {
    const admin = errorOf(() => buildConfig({ ...PRODUCTION, ADMIN_CORS: "https://backend.example.dk/" }))
    expect(admin.message).toMatch(/^ADMIN_CORS: "https:\/\/backend\.example\.dk\/" ends with "\/"/)
    const auth = errorOf(() =>
      buildConfig({ ...PRODUCTION, AUTH_CORS: "https://shop.example.dk, https://Backend.example.dk" })
    )
    expect(auth.message).toBe(
      'AUTH_CORS: "https://Backend.example.dk" has upper-case letters; browsers send the scheme and host in lower case: write https://backend.example.dk'
    )
  })

  it("refuses them in development too, where they block the browser just the same", () => {
    expect(errorOf(() => buildConfig({ STORE_CORS: "http://localhost:8000/" })).message).toMatch(
      /^STORE_CORS: .*: write http:\/\/localhost:8000$/
    )
  })

  it("suggests no origin to write for a placeholder, only an example", () => {
    expect(
      errorOf(() => buildConfig({ ...PRODUCTION, ADMIN_CORS: "https://${{RAILWAY_PUBLIC_DOMAIN}}" })).message
    ).toBe(
      'ADMIN_CORS: "https://${{RAILWAY_PUBLIC_DOMAIN}}" is not an origin (scheme://host[:port] without a path) or a /regex/; e.g. https://${{RAILWAY_PUBLIC_DOMAIN}}'
    )
  })

  it("names an empty entry left by a comma too many", () => {
    expect(errorOf(() => buildConfig({ ...PRODUCTION, STORE_CORS: "https://shop.example.dk," })).message).toBe(
      "STORE_CORS: has an empty entry (a comma too many); remove it"
    )
  })

  it("does not show a password written into an origin", () => {
    const message = errorOf(() =>
      buildConfig({ ...PRODUCTION, STORE_CORS: "https://user:hunter2secret@shop.example.dk" })
    ).message
    expect(message).not.toContain("hunter2secret")
    expect(message).toMatch(/has a user name or password; .*: write https:\/\/shop\.example\.dk$/)
  })

  it("accepts the /regex/ it suggests for a wildcard, without a warning", () => {
    const pattern = /e\.g\. (\/.*\/)$/.exec(
      errorOf(() => buildConfig({ ...PRODUCTION, STORE_CORS: "https://*.example.dk" })).message
    )![1]
    const built = buildConfig({ ...PRODUCTION, STORE_CORS: pattern })
    expect(built.config.projectConfig!.http!.storeCors).toBe(pattern)
    expect(built.warnings.filter((w) => w.message.includes("CORS"))).toEqual([])
    expect(new RegExp(pattern.slice(1, -1)).test("https://www.example.dk")).toBe(true)
    expect(new RegExp(pattern.slice(1, -1)).test("https://example.dk.attacker.invalid")).toBe(false)
  })

  it.each([
    ["https://shop.example.dk", "https://shop.example.dk"],
    ["http://localhost:8000", "http://localhost:8000"],
    ["/\\.vercel\\.app$/", "/\\.vercel\\.app$/"],
    ["http://127.0.0.1:9000", "http://127.0.0.1:9000"],
    ["http://[::1]:8000", "http://[::1]:8000"],
    ["https://shop.example.dk:8443", "https://shop.example.dk:8443"],
    ["https://xn--bger-gra.dk", "https://xn--bger-gra.dk"],
    ["https://shop.example.dk , https://www.shop.example.dk", "https://shop.example.dk,https://www.shop.example.dk"],
  ])("accepts %j", (value, storeCors) => {
    expect(buildConfig({ ...PRODUCTION, STORE_CORS: value }).config.projectConfig!.http!.storeCors).toBe(storeCors)
  })
})

describe("MEDUSA_BACKEND_URL", () => {
  it.each(["api.beauty-shop.dk", "/api", "ftp://api.beauty-shop.dk", "https//api.beauty-shop.dk"])(
    "refuses %j, which the admin cannot make a request URL of, without echoing it",
    (value) => {
      const message = errorOf(() => buildConfig({ ...PRODUCTION, MEDUSA_BACKEND_URL: value })).message
      expect(message).toBe(
        "MEDUSA_BACKEND_URL: must be / (the default: the admin calls the server it is served from) or the server's public http(s) URL, e.g. https://backend.example.dk; the admin makes its request URLs with new URL(MEDUSA_BACKEND_URL), which fails on anything else"
      )
      expect(message).not.toContain(value)
    }
  )

  it.each(["/", "https://backend.example.dk", "https://backend.example.dk/", "https://example.dk/shop-api"])(
    "accepts %j, trailing slash and path prefix included (the admin joins paths itself)",
    (value) => {
      expect(buildConfig({ ...PRODUCTION, MEDUSA_BACKEND_URL: value }).config.admin?.backendUrl).toBe(value)
    }
  )
})

describe("LOG_LEVEL", () => {
  it("refuses a level Medusa's logger does not know, under which it would print nothing", () => {
    expect(errorOf(() => buildConfig({ ...PRODUCTION, LOG_LEVEL: "warning" })).message).toBe(
      `LOG_LEVEL: must be one of error, warn, info, http, verbose, debug, silly: at any other level Medusa's logger prints nothing, errors included (got "warning")`
    )
  })

  it.each(["WARN", "Info", "trace", "fatal"])("refuses LOG_LEVEL=%s", (value) => {
    expect(errorOf(() => buildConfig({ LOG_LEVEL: value })).variable).toBe("LOG_LEVEL")
  })

  it.each([...LOG_LEVELS])("accepts LOG_LEVEL=%s", (value) => {
    expect(parseEnv({ LOG_LEVEL: value }).LOG_LEVEL).toBe(value)
  })
})
