import { judgeEviction, type RedisRole } from "../live-checks"

const MB = 1024 * 1024

function judge(variable: "REDIS_URL" | "CACHE_REDIS_URL", role: RedisRole, policy: string, maxmemory = 0) {
  return judgeEviction({ variable, role }, { policy, maxmemory })
}

describe("judgeEviction on REDIS_URL with a separate cache", () => {
  it("passes noeviction: jobs, locks and login state stay", () => {
    const result = judge("REDIS_URL", "queues", "noeviction", 256 * MB)
    expect(result).toMatchObject({ check: "Redis eviction (REDIS_URL)", status: "pass" })
    expect(result.detail).toBe("noeviction, maxmemory 256 MB: BullMQ jobs, locks and login state are never evicted")
  })

  it.each(["allkeys-lru", "volatile-lru", "allkeys-random"])("warns about %s: BullMQ may lose jobs", (policy) => {
    const result = judge("REDIS_URL", "queues", policy, 256 * MB)
    expect(result.status).toBe("warn")
    expect(result.detail).toContain("may evict BullMQ jobs (lost events)")
    expect(result.fix).toMatch(/^set maxmemory-policy noeviction/)
  })
})

describe("judgeEviction on REDIS_URL that is also the cache", () => {
  it("passes noeviction and explains that cache keys then leave only by their TTL", () => {
    const result = judge("REDIS_URL", "queues-and-cache", "noeviction")
    expect(result.status).toBe("pass")
    expect(result.detail).toContain("the Caching Module's keys share this Redis and leave only when their TTL ends")
    expect(result.detail).toContain("CACHE_REDIS_URL with allkeys-lru")
  })

  it("warns about allkeys-lru and names the trade-off and the way out", () => {
    const result = judge("REDIS_URL", "queues-and-cache", "allkeys-lru", 100 * MB)
    expect(result.status).toBe("warn")
    expect(result.detail).toBe(
      "allkeys-lru, maxmemory 100 MB: this Redis is also the cache; evicting frees cache entries but may also drop BullMQ jobs (lost events), locks or login state"
    )
    expect(result.fix).toContain("give the cache its own Redis with allkeys-lru (CACHE_REDIS_URL)")
  })
})

describe("judgeEviction on a separate CACHE_REDIS_URL", () => {
  it.each(["allkeys-lru", "allkeys-lfu", "volatile-lru"])("passes %s", (policy) => {
    expect(judge("CACHE_REDIS_URL", "cache", policy, 64 * MB)).toMatchObject({
      check: "Redis eviction (CACHE_REDIS_URL)",
      status: "pass",
    })
  })

  it("warns about noeviction with a maxmemory: a full cache makes writes fail", () => {
    const result = judge("CACHE_REDIS_URL", "cache", "noeviction", 64 * MB)
    expect(result.status).toBe("warn")
    expect(result.detail).toContain("every cache write fails with an OOM error")
    expect(result.fix).toBe("set maxmemory-policy allkeys-lru on the cache Redis")
  })

  it("passes noeviction without a maxmemory: keys expire on their TTL", () => {
    expect(judge("CACHE_REDIS_URL", "cache", "noeviction", 0).status).toBe("pass")
  })
})
