import { buildConfig, configProblems } from "../index"
import { CACHING_TTL_SECONDS, LEGACY_CACHE_TTL_SECONDS } from "../caches"
import { errorOf } from "./config-error"

type ModuleEntry = { resolve: string; options: Record<string, any> }

const REDIS_URL = "redis://default:pw-queue@redis.railway.internal:6379"
const CACHE_REDIS_URL = "redis://default:pw-cache@cache.railway.internal:6379"

function modulesOf(env: Record<string, string>): ModuleEntry[] {
  return buildConfig(env).config.modules as ModuleEntry[]
}

const byResolve = (modules: ModuleEntry[], resolve: string) => modules.find((m) => m.resolve === resolve)

describe("the legacy cache (Modules.CACHE)", () => {
  it("is cache-redis on REDIS_URL, with Railway's family=0", () => {
    expect(byResolve(modulesOf({ REDIS_URL }), "@medusajs/medusa/cache-redis")?.options).toEqual({
      redisUrl: REDIS_URL,
      redisOptions: { family: 0 },
      ttl: LEGACY_CACHE_TTL_SECONDS,
    })
  })

  it("stays on REDIS_URL when CACHE_REDIS_URL is set (login state must not be evicted)", () => {
    const modules = modulesOf({ REDIS_URL, CACHE_REDIS_URL })
    expect(byResolve(modules, "@medusajs/medusa/cache-redis")?.options.redisUrl).toBe(REDIS_URL)
  })

  it("is left to Medusa's in-memory default without Redis", () => {
    expect(byResolve(modulesOf({}), "@medusajs/medusa/cache-redis")).toBeUndefined()
  })
})

describe("the Caching Module", () => {
  const provider = (modules: ModuleEntry[]) => byResolve(modules, "@medusajs/medusa/caching")!.options.providers[0]

  it("keeps its keys on REDIS_URL when CACHE_REDIS_URL is unset", () => {
    expect(provider(modulesOf({ REDIS_URL })).options).toEqual({ redisUrl: REDIS_URL, redisOptions: { family: 0 } })
  })

  it("keeps its keys on CACHE_REDIS_URL when set", () => {
    expect(provider(modulesOf({ REDIS_URL, CACHE_REDIS_URL })).options).toEqual({
      redisUrl: CACHE_REDIS_URL,
      redisOptions: { family: 0 },
    })
  })

  it("lives five minutes instead of Medusa's hour", () => {
    expect(CACHING_TTL_SECONDS).toBe(300)
    expect(byResolve(modulesOf({ REDIS_URL }), "@medusajs/medusa/caching")!.options.ttl).toBe(300)
  })

  it("treats a CACHE_REDIS_URL equal to REDIS_URL as one Redis", () => {
    const built = buildConfig({ REDIS_URL, CACHE_REDIS_URL: ` ${REDIS_URL} ` })
    expect(built.cacheRedis).toBeUndefined()
    expect(built.summary.filter((l) => l.startsWith("cache redis:"))).toEqual([])
  })
})

describe("CACHE_REDIS_URL errors", () => {
  it("names CACHE_REDIS_URL for a URL that is not Redis", () => {
    expect(errorOf(() => buildConfig({ REDIS_URL, CACHE_REDIS_URL: "https://cache.example.com" })).message).toBe(
      'CACHE_REDIS_URL: scheme "https:" is not Redis; expected redis://... or rediss://... (TLS)'
    )
  })

  it("names CACHE_REDIS_URL for a value that is not a URL, without echoing a password", () => {
    expect(
      errorOf(() => buildConfig({ REDIS_URL, CACHE_REDIS_URL: "redis//default:secret-pw@cache:6379" })).message
    ).toBe(
      "CACHE_REDIS_URL: the value (not shown: it may hold the password) is not a URL; expected redis://default:PASSWORD@HOST:6379"
    )
  })

  it("quotes a value that is not a URL and holds no password", () => {
    expect(errorOf(() => buildConfig({ REDIS_URL, CACHE_REDIS_URL: "${{Cache.REDIS_URL}}" })).message).toBe(
      'CACHE_REDIS_URL: "${{Cache.REDIS_URL}}" is not a URL; expected redis://default:PASSWORD@HOST:6379'
    )
  })

  it("refuses CACHE_REDIS_URL without REDIS_URL", () => {
    expect(errorOf(() => buildConfig({ CACHE_REDIS_URL })).message).toBe(
      "CACHE_REDIS_URL: is set but REDIS_URL is not; the caches run on Redis only together with the event bus and locking, so set REDIS_URL too (or unset CACHE_REDIS_URL)"
    )
  })

  it("is among the problems npm run doctor lists, next to a broken REDIS_URL", () => {
    const problems = configProblems({ REDIS_URL: "not a url", CACHE_REDIS_URL: "http://cache:6379" })
    expect(problems.map((p) => p.variable)).toEqual(expect.arrayContaining(["REDIS_URL", "CACHE_REDIS_URL"]))
  })

  it("warns with the variable's own name about ?family=4 on Railway", () => {
    const built = buildConfig({ REDIS_URL, CACHE_REDIS_URL: `${CACHE_REDIS_URL}?family=4` })
    expect(built.warnings.map((w) => w.message)).toContain(
      "CACHE_REDIS_URL: ?family=4 replaced by family=0 for Railway's private network (IPv6)"
    )
  })
})

describe("the start-up summary", () => {
  it("says the Caching Module shares REDIS_URL when there is one Redis", () => {
    expect(buildConfig({ REDIS_URL }).summary).toContain(
      "redis: redis://default:***@redis.railway.internal:6379; event bus, workflow engine, locking, sessions, login cache (MFA/OAuth) and Caching Module (TTL 300 s, only with MEDUSA_FF_CACHING=true) on Redis (family=0 for Railway's private network)"
    )
  })

  it("says which Redis holds what when the cache has its own, passwords masked", () => {
    const summary = buildConfig({ REDIS_URL, CACHE_REDIS_URL }).summary
    expect(summary).toEqual(
      expect.arrayContaining([
        "redis: redis://default:***@redis.railway.internal:6379; event bus, workflow engine, locking, sessions and login cache (MFA/OAuth) on Redis (family=0 for Railway's private network)",
        "cache redis: redis://default:***@cache.railway.internal:6379; Caching Module (TTL 300 s, only with MEDUSA_FF_CACHING=true) on CACHE_REDIS_URL (family=0 for Railway's private network)",
      ])
    )
    expect(JSON.stringify(summary)).not.toMatch(/pw-queue|pw-cache/)
  })
})
