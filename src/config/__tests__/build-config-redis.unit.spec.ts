import { buildConfig } from "../index"
import { errorOf } from "./config-error"
import { EVENT_BUS_JOB_OPTIONS, parseRedisUrl } from "../redis"

type ModuleEntry = { resolve: string; options: Record<string, any> }

describe("parseRedisUrl", () => {
  it("gives Railway's private host family 0 (IPv6 private network)", () => {
    const redis = parseRedisUrl("redis://default:pw@redis.railway.internal:6379")
    expect(redis.options).toEqual({ family: 0 })
    expect(redis.railwayPrivate).toBe(true)
  })

  it("overrides ?family=4 on a railway.internal host and warns", () => {
    const redis = parseRedisUrl("redis://default:pw@redis.railway.internal:6379?family=4")
    expect(redis.options.family).toBe(0)
    expect(redis.warnings.map((w) => w.message)).toEqual([
      "REDIS_URL: ?family=4 replaced by family=0 for Railway's private network (IPv6)",
    ])
  })

  it("leaves other hosts alone", () => {
    expect(parseRedisUrl("redis://127.0.0.1:6379").options).toEqual({})
  })

  it("accepts rediss:// (TLS)", () => {
    const redis = parseRedisUrl("rediss://default:pw@eu1-redis.upstash.io:6380")
    expect(redis.tls).toBe(true)
    expect(redis.port).toBe(6380)
  })

  it("rejects a non-Redis scheme", () => {
    expect(errorOf(() => parseRedisUrl("http://redis:6379")).message).toBe(
      'REDIS_URL: scheme "http:" is not Redis; expected redis://... or rediss://... (TLS)'
    )
  })

  it("rejects garbage and masks the password", () => {
    const message = errorOf(() => parseRedisUrl("redis://default:pw-secret@")).message
    expect(message).not.toContain("pw-secret")
    expect(message).toMatch(/^REDIS_URL: /)
  })
})

describe("buildConfig with Redis", () => {
  const built = buildConfig({ REDIS_URL: "redis://default:pw@redis.railway.internal:6379" })
  const modules = built.config.modules as ModuleEntry[]
  const byResolve = (resolve: string) => modules.find((m) => m.resolve === resolve)!

  it("puts the event bus, workflow engine, locking and caching on Redis", () => {
    expect(modules.map((m) => m.resolve)).toEqual([
      "@medusajs/medusa/event-bus-redis",
      "@medusajs/medusa/workflow-engine-redis",
      "@medusajs/medusa/locking",
      "@medusajs/medusa/cache-redis",
      "@medusajs/medusa/caching",
      "@medusajs/medusa/notification",
      "@medusajs/medusa/file",
      "./src/modules/store-cache",
      "@medusajs/medusa/translation",
      "./src/modules/cosmetics",
    ])
  })

  it("configures retries with backoff and bounded retention for subscriber jobs", () => {
    expect(byResolve("@medusajs/medusa/event-bus-redis").options).toEqual({
      redisUrl: "redis://default:pw@redis.railway.internal:6379",
      redisOptions: { family: 0 },
      jobOptions: EVENT_BUS_JOB_OPTIONS,
    })
    expect(EVENT_BUS_JOB_OPTIONS.attempts).toBeGreaterThan(1)
    expect(EVENT_BUS_JOB_OPTIONS.removeOnFail.count).toBeGreaterThan(0)
  })

  it("uses the non-deprecated workflow engine option names", () => {
    expect(byResolve("@medusajs/medusa/workflow-engine-redis").options).toEqual({
      redis: { redisUrl: "redis://default:pw@redis.railway.internal:6379", redisOptions: { family: 0 } },
    })
  })

  it("makes the Redis locking provider the default", () => {
    expect(byResolve("@medusajs/medusa/locking").options.providers).toEqual([
      expect.objectContaining({ resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true }),
    ])
  })

  it("configures the Caching Module on Redis but leaves its feature flag to MEDUSA_FF_CACHING", () => {
    expect(byResolve("@medusajs/medusa/caching").options.providers[0].resolve).toBe("@medusajs/medusa/caching-redis")
    expect(built.config.featureFlags?.caching).toBeUndefined()
  })

  it("backs sessions with Redis too", () => {
    expect(built.config.projectConfig?.redisUrl).toBe("redis://default:pw@redis.railway.internal:6379")
    expect(built.config.projectConfig?.redisOptions).toEqual({ family: 0 })
  })

  it("masks the Redis password in the summary", () => {
    const line = built.summary.find((l) => l.startsWith("redis:"))!
    expect(line).toContain("redis://default:***@redis.railway.internal:6379")
    expect(line).not.toContain(":pw@")
  })
})
