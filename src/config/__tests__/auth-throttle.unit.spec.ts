import { authThrottleSettings, authThrottleSummary, DEFAULT_AUTH_THROTTLE } from "../auth-throttle"
import { parseEnv } from "../env"
import { storefrontAddressList } from "../storefront"

const SECRET = "a".repeat(64)

describe("login throttle settings", () => {
  it("has defaults and takes each limit from its variable", () => {
    expect(authThrottleSettings(parseEnv({})).limits).toEqual(DEFAULT_AUTH_THROTTLE)
    expect(
      authThrottleSettings(
        parseEnv({
          AUTH_THROTTLE_PER_ACCOUNT_AND_ADDRESS: "3",
          AUTH_THROTTLE_PER_ADDRESS: "10",
          AUTH_THROTTLE_PER_ACCOUNT: "100",
          AUTH_THROTTLE_WINDOW_SECONDS: "600",
        })
      ).limits
    ).toEqual({ perAccountAndAddress: 3, perAddress: 10, perAccount: 100, windowSeconds: 600 })
  })

  it.each([
    ["AUTH_THROTTLE_PER_ACCOUNT_AND_ADDRESS", "0", "must be at least 1"],
    ["AUTH_THROTTLE_PER_ADDRESS", "many", "must be a whole number"],
    ["AUTH_THROTTLE_PER_ACCOUNT", "2.5", "must be a whole number"],
    ["AUTH_THROTTLE_WINDOW_SECONDS", "5", "must be at least 10"],
    ["AUTH_THROTTLE_WINDOW_SECONDS", "90000", "must be at most 86400"],
  ])("refuses %s=%s in one line naming it", (variable, value, problem) => {
    expect(() => parseEnv({ [variable]: value })).toThrow(`${variable}: ${problem}`)
  })

  it("takes the storefront's secret and addresses", () => {
    const settings = authThrottleSettings(
      parseEnv({ STOREFRONT_SECRET: SECRET, STOREFRONT_ADDRESSES: "10.0.0.0/8, fd12::/16,203.0.113.7" })
    )
    expect(settings.storefrontSecret).toBe(SECRET)
    expect(settings.storefrontAddresses).toEqual(["10.0.0.0/8", "fd12::/16", "203.0.113.7"])
    const list = storefrontAddressList(settings.storefrontAddresses)
    expect(list.check("10.20.30.40", "ipv4")).toBe(true)
    expect(list.check("fd12:3456::1", "ipv6")).toBe(true)
    expect(list.check("203.0.113.8", "ipv4")).toBe(false)
  })

  it.each([
    ["STOREFRONT_SECRET", "short", "STOREFRONT_SECRET: must be at least 32 characters"],
    ["STOREFRONT_SECRET", `${"b".repeat(20)} ${"c".repeat(20)}`, "without spaces"],
    ["STOREFRONT_ADDRESSES", "storefront.railway.internal", '"storefront.railway.internal" is not an IP address'],
    ["STOREFRONT_ADDRESSES", "10.0.0.0/33", '"10.0.0.0/33" has no valid prefix length (0-32)'],
    ["STOREFRONT_ADDRESSES", "10.0.0.1,fd12::/129", '"fd12::/129" has no valid prefix length (0-128)'],
  ])("refuses %s=%s in one line naming it", (variable, value, problem) => {
    expect(() => authThrottleSettings(parseEnv({ [variable]: value }))).toThrow(problem)
    expect(() => authThrottleSettings(parseEnv({ [variable]: value }))).toThrow(`${variable}: `)
  })

  it("never echoes the storefront secret", () => {
    let message = ""
    try {
      authThrottleSettings(parseEnv({ STOREFRONT_SECRET: "hunter2-but-short" }))
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain("STOREFRONT_SECRET")
    expect(message).not.toContain("hunter2")
  })

  it("says where attempts are counted and whom it believes about addresses", () => {
    expect(authThrottleSummary(authThrottleSettings(parseEnv({})), true)).toEqual([
      "login throttle: 5 failures per account and address, 20 per address, 50 per account in 15 min; counted in Redis, across replicas",
      "trusted storefront: none (STOREFRONT_SECRET unset); a server-side storefront's customers share its address (docs/security.md)",
    ])
    const trusted = authThrottleSettings(parseEnv({ STOREFRONT_SECRET: SECRET, STOREFRONT_ADDRESSES: "10.0.0.0/8" }))
    const lines = authThrottleSummary(trusted, false)
    expect(lines[0]).toContain("in this process only (no REDIS_URL)")
    expect(lines[1]).toBe(
      "trusted storefront: x-shopper-address taken from requests with STOREFRONT_SECRET and requests from 10.0.0.0/8"
    )
    expect(lines.join("\n")).not.toContain(SECRET)
  })
})
