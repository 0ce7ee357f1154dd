import { authThrottleSettings, authThrottleSummary, DEFAULT_AUTH_THROTTLE } from "../auth-throttle"
import { parseEnv } from "../env"

describe("login throttle settings", () => {
  it("has defaults and takes each limit from its variable", () => {
    expect(authThrottleSettings(parseEnv({}))).toEqual(DEFAULT_AUTH_THROTTLE)
    expect(
      authThrottleSettings(
        parseEnv({
          AUTH_THROTTLE_PER_ACCOUNT_AND_ADDRESS: "3",
          AUTH_THROTTLE_PER_ADDRESS: "10",
          AUTH_THROTTLE_PER_ACCOUNT: "100",
          AUTH_THROTTLE_WINDOW_SECONDS: "600",
        })
      )
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

  it("says where attempts are counted", () => {
    expect(authThrottleSummary(DEFAULT_AUTH_THROTTLE, true)).toBe(
      "login throttle: 5 failures per account and address, 20 per address, 50 per account in 15 min; counted in Redis, across replicas"
    )
    expect(authThrottleSummary(DEFAULT_AUTH_THROTTLE, false)).toContain("in this process only (no REDIS_URL)")
  })
})
