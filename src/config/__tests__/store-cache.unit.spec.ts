import { parseEnv } from "../env"
import { validateConfig } from "../validate"
import { refuseRetiredStoreCacheVariable, storeCacheSettings, storeCacheSummary } from "../store-cache"

describe("store cache settings", () => {
  it("keeps answers at most an hour unless STORE_CACHE_MAX_AGE_SECONDS says otherwise, 500 ms while unconfirmed", () => {
    expect(storeCacheSettings(parseEnv({})).maxAgeMs).toBe(3_600_000)
    expect(storeCacheSettings(parseEnv({ STORE_CACHE_MAX_AGE_SECONDS: "60" })).maxAgeMs).toBe(60_000)
    expect(storeCacheSettings(parseEnv({ STORE_CACHE_MAX_AGE_SECONDS: "0" })).maxAgeMs).toBe(0)
    expect(storeCacheSettings(parseEnv({})).unconfirmedMaxAgeMs).toBe(500)
  })

  it.each([
    ["86401", "STORE_CACHE_MAX_AGE_SECONDS: must be at most 86400: a day"],
    ["-1", "STORE_CACHE_MAX_AGE_SECONDS: must be at least 0"],
    ["half", "STORE_CACHE_MAX_AGE_SECONDS: must be a whole number"],
    ["2.5", "STORE_CACHE_MAX_AGE_SECONDS: must be a whole number"],
  ])("refuses STORE_CACHE_MAX_AGE_SECONDS=%s", (value, message) => {
    expect(() => parseEnv({ STORE_CACHE_MAX_AGE_SECONDS: value })).toThrow(message)
  })

  it("refuses the retired STORE_CACHE_TTL_MS, naming its successor, so a cache switched off with 0 stays off", () => {
    expect(() => refuseRetiredStoreCacheVariable({ STORE_CACHE_TTL_MS: "0" })).toThrow(
      /^STORE_CACHE_TTL_MS: is no longer read: .*set STORE_CACHE_MAX_AGE_SECONDS instead \(0 turns the store cache off\)/
    )
    expect(() => refuseRetiredStoreCacheVariable({ STORE_CACHE_TTL_MS: " " })).not.toThrow()
    const { errors } = validateConfig({ STORE_CACHE_TTL_MS: "500" })
    expect(errors.map((error) => error.message)).toContainEqual(expect.stringMatching(/^STORE_CACHE_TTL_MS: /))
  })

  it("says in one line whether the cache is on, how long answers live and where they are shared", () => {
    const on = storeCacheSettings(parseEnv({}))
    expect(storeCacheSummary(on, "CACHE_REDIS_URL")).toBe(
      "store cache: anonymous catalogue answers kept until a change invalidates them (at most 3600 s), in each server and shared by every replica on CACHE_REDIS_URL"
    )
    expect(storeCacheSummary(on, "REDIS_URL")).toMatch(/invalidated through REDIS_URL; set CACHE_REDIS_URL/)
    expect(storeCacheSummary(on, undefined)).toMatch(/in this process only/)
    expect(storeCacheSummary({ ...on, maxAgeMs: 0 }, "REDIS_URL")).toBe(
      "store cache: off (STORE_CACHE_MAX_AGE_SECONDS=0)"
    )
  })
})
