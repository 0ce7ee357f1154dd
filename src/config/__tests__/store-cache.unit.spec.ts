import { parseEnv } from "../env"
import { storeCacheSettings, storeCacheSummary } from "../store-cache"

describe("store cache settings", () => {
  it("reuses answers for 500 ms unless STORE_CACHE_TTL_MS says otherwise", () => {
    expect(storeCacheSettings(parseEnv({})).ttlMs).toBe(500)
    expect(storeCacheSettings(parseEnv({ STORE_CACHE_TTL_MS: "250" })).ttlMs).toBe(250)
    expect(storeCacheSettings(parseEnv({ STORE_CACHE_TTL_MS: "0" })).ttlMs).toBe(0)
  })

  it.each([
    ["1001", "STORE_CACHE_TTL_MS: must be at most 1000: a change must show on every replica within 1 s"],
    ["-1", "STORE_CACHE_TTL_MS: must be at least 0"],
    ["half", "STORE_CACHE_TTL_MS: must be a whole number"],
    ["2.5", "STORE_CACHE_TTL_MS: must be a whole number"],
  ])("refuses STORE_CACHE_TTL_MS=%s", (value, message) => {
    expect(() => parseEnv({ STORE_CACHE_TTL_MS: value })).toThrow(message)
  })

  it("says in one line whether the cache is on and for how long", () => {
    expect(storeCacheSummary({ ttlMs: 500, maxBytes: 1, maxEntries: 1 })).toContain("reused for 500 ms")
    expect(storeCacheSummary({ ttlMs: 0, maxBytes: 1, maxEntries: 1 })).toBe("store cache: off (STORE_CACHE_TTL_MS=0)")
  })
})
