/**
 * The doctor's Redis rows against redis-servers this test starts, each with
 * its own eviction policy: what it finds on REDIS_URL and on CACHE_REDIS_URL,
 * and what it says when a managed Redis refuses CONFIG (and INFO).
 */
import { join } from "node:path"
import { runDoctor } from "../../src/doctor/run"
import type { CheckResult } from "../../src/doctor/report"
import { startRedisServer, type ThrowawayRedis } from "../helpers/redis-server"

jest.setTimeout(60 * 1000)

const ACL_ALL = ["default", "on", "nopass", "~*", "&*", "+@all"]

const servers = {
  noeviction: startRedisServer(["--maxmemory-policy", "noeviction"]),
  lru: startRedisServer(["--maxmemory", "32mb", "--maxmemory-policy", "allkeys-lru"]),
  fullNoeviction: startRedisServer(["--maxmemory", "32mb", "--maxmemory-policy", "noeviction"]),
  // Managed Redis services deny commands through ACLs (NOPERM), as here.
  configRefused: startRedisServer(["--maxmemory-policy", "allkeys-lru", "--user", ...ACL_ALL, "-config"]),
  allRefused: startRedisServer(["--user", ...ACL_ALL, "-config", "-info"]),
} satisfies Record<string, ThrowawayRedis>

beforeAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.ready()))
})

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()))
})

async function redisRows(env: Record<string, string>): Promise<Record<string, Pick<CheckResult, "status" | "detail">>> {
  const { results } = await runDoctor({
    env,
    root: join(__dirname, "..", ".."),
    nodeVersion: process.version,
    enginesNode: "",
    development: true,
  })
  return Object.fromEntries(
    results.filter((r) => r.check.startsWith("Redis")).map((r) => [r.check, { status: r.status, detail: r.detail }])
  )
}

describe("npm run doctor: Redis eviction policies", () => {
  it("passes noeviction on REDIS_URL and allkeys-lru on a separate CACHE_REDIS_URL", async () => {
    const rows = await redisRows({ REDIS_URL: servers.noeviction.url, CACHE_REDIS_URL: servers.lru.url })
    expect(rows["Redis (REDIS_URL)"].status).toBe("pass")
    expect(rows["Redis (CACHE_REDIS_URL)"]).toEqual({
      status: "pass",
      detail: expect.stringContaining(`PING answered by 127.0.0.1:${servers.lru.port}`),
    })
    expect(rows["Redis eviction (REDIS_URL)"]).toEqual({
      status: "pass",
      detail: "noeviction, no maxmemory: BullMQ jobs, locks and login state are never evicted",
    })
    expect(rows["Redis eviction (CACHE_REDIS_URL)"]).toEqual({
      status: "pass",
      detail:
        "allkeys-lru, maxmemory 32 MB: the cache evicts entries when full (every cache key has a TTL, so volatile-* works too)",
    })
  })

  it("warns about allkeys-lru on REDIS_URL and a full-then-failing noeviction cache", async () => {
    const rows = await redisRows({ REDIS_URL: servers.lru.url, CACHE_REDIS_URL: servers.fullNoeviction.url })
    expect(rows["Redis eviction (REDIS_URL)"]).toEqual({
      status: "warn",
      detail:
        "allkeys-lru, maxmemory 32 MB: Redis may evict BullMQ jobs (lost events), locks or login state when memory is full",
    })
    expect(rows["Redis eviction (CACHE_REDIS_URL)"]).toEqual({
      status: "warn",
      detail: expect.stringMatching(/^noeviction, maxmemory 32 MB: once the cache is full every cache write fails/),
    })
  })

  it("explains the trade-off when REDIS_URL is also the cache", async () => {
    const shared = await redisRows({ REDIS_URL: servers.lru.url })
    expect(Object.keys(shared)).toEqual(["Redis (REDIS_URL)", "Redis eviction (REDIS_URL)"])
    expect(shared["Redis eviction (REDIS_URL)"]).toEqual({
      status: "warn",
      detail: expect.stringContaining(
        "this Redis is also the cache; evicting frees cache entries but may also drop BullMQ jobs"
      ),
    })
    const safe = await redisRows({ REDIS_URL: servers.noeviction.url })
    expect(safe["Redis eviction (REDIS_URL)"]).toEqual({
      status: "pass",
      detail: expect.stringContaining("the Caching Module's keys share this Redis and leave only when their TTL ends"),
    })
  })

  it("judges a CACHE_REDIS_URL on the same server (another database) as one Redis", async () => {
    const rows = await redisRows({ REDIS_URL: servers.lru.url, CACHE_REDIS_URL: `${servers.lru.url}/3` })
    expect(Object.keys(rows)).toEqual(["Redis (REDIS_URL)", "Redis eviction (REDIS_URL)"])
    expect(rows["Redis eviction (REDIS_URL)"].detail).toContain("this Redis is also the cache")
  })

  it("reads the policy from INFO where ACLs deny CONFIG", async () => {
    const rows = await redisRows({ REDIS_URL: servers.noeviction.url, CACHE_REDIS_URL: servers.configRefused.url })
    expect(rows["Redis eviction (CACHE_REDIS_URL)"]).toEqual({
      status: "pass",
      detail: expect.stringMatching(/^allkeys-lru, no maxmemory: /),
    })
  })

  it("warns, without failing, when ACLs deny both CONFIG and INFO", async () => {
    const rows = await redisRows({ REDIS_URL: servers.allRefused.url })
    expect(rows["Redis (REDIS_URL)"].status).toBe("pass")
    expect(rows["Redis eviction (REDIS_URL)"]).toEqual({
      status: "warn",
      detail: expect.stringMatching(/^maxmemory-policy could not be read \(CONFIG GET and INFO refused: NOPERM/),
    })
  })
})
