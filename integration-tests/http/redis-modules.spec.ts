import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import Redis from "ioredis"
import { startRedisServer } from "../helpers/redis-server"
import { createStoreFixture } from "../helpers/store-fixtures"

jest.setTimeout(120 * 1000)

/**
 * Boots Medusa with REDIS_URL set, the way production runs, against the
 * machine's real Redis. A dedicated database index keeps the test's queues
 * apart from anything else using that Redis, so it can be flushed safely.
 * CACHE_REDIS_URL points at a second redis-server the test starts, so the
 * test can see which Redis each cache writes to.
 */
const REDIS_DB = 13
const base = new URL(process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379")
base.pathname = `/${REDIS_DB}`
const REDIS_URL = base.toString()

// The runner loads medusa-config before it applies its `env` option, so the
// variable must be in the environment before the runner starts.
process.env.REDIS_URL = REDIS_URL
const cacheServer = startRedisServer(["--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru"])
process.env.CACHE_REDIS_URL = cacheServer.url
// The Caching Module is off unless the operator turns it on; this spec checks where it keeps its keys when on.
process.env.MEDUSA_FF_CACHING = "true"

const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 })
const cacheRedis = new Redis(cacheServer.url, { lazyConnect: true, maxRetriesPerRequest: 1 })

beforeAll(async () => {
  try {
    await redis.connect()
  } catch (error) {
    throw new Error(
      `Redis is not reachable at ${base.host} (${(error as Error).message}); install and start it: apt-get install -y redis-server && redis-server --daemonize yes`
    )
  }
  await redis.flushdb()
  await cacheServer.ready()
  await cacheRedis.connect()
})

afterAll(async () => {
  redis.disconnect()
  cacheRedis.disconnect()
  await cacheServer.stop()
})

async function waitForKeys(client: Redis, pattern: string): Promise<string[]> {
  const deadline = Date.now() + 5_000
  while (Date.now() < deadline) {
    const keys = await client.keys(pattern)
    if (keys.length) {
      return keys
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return []
}

function waitFor<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

async function findCompletedJob(eventName: string): Promise<string> {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    const completed = await redis.zrange("RedisEventBusService:events-queue:completed", 0, -1)
    for (const id of completed) {
      if ((await redis.hget(`RedisEventBusService:events-queue:${id}`, "name")) === eventName) {
        return id
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${eventName} never reached the completed set`)
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    describe("with REDIS_URL", () => {
      it("loads the Redis event bus, not the local one", () => {
        const eventBus = getContainer().resolve(Modules.EVENT_BUS)
        expect(eventBus.constructor.name).toEqual("RedisEventBusService")
      })

      it("makes Redis the default locking provider, not in-memory", () => {
        // Not public API; these are the module's own fields (locking-module service).
        const locking = getContainer().resolve(Modules.LOCKING) as any
        expect(locking.defaultProviderId).toEqual("locking-redis")
        const provider = locking.providerService_.retrieveProviderRegistration(locking.defaultProviderId)
        expect(provider.constructor.name).toEqual("RedisLockingProvider")
      })

      it("caches through the Caching Module in CACHE_REDIS_URL's Redis, not REDIS_URL's, for five minutes", async () => {
        const caching = getContainer().resolve(Modules.CACHING) as any
        expect(caching.defaultProviderId).toEqual("caching-redis")
        expect(caching.providerService.retrieveProvider("caching-redis").constructor.name).toEqual(
          "RedisCachingProvider"
        )
        await caching.set({ key: "beauty-test-key", data: { shade: "rose" } })
        expect(await caching.get({ key: "beauty-test-key" })).toEqual({ shade: "rose" })
        const keys = await cacheRedis.keys("mc:*")
        expect(keys.length).toBeGreaterThan(0)
        const ttl = await cacheRedis.ttl(keys[0])
        expect(ttl).toBeGreaterThan(240)
        expect(ttl).toBeLessThanOrEqual(300)
        expect(await redis.keys("mc:*")).toEqual([])
      })

      it("keeps a Store API product list in CACHE_REDIS_URL's Redis", async () => {
        const { publishableKey } = await createStoreFixture(getContainer())
        await cacheRedis.flushdb()
        const response = await api.get("/store/products", { headers: { "x-publishable-api-key": publishableKey } })
        expect(response.status).toEqual(200)
        expect(response.data.products.map((p: { title: string }) => p.title)).toContain("Rose face oil")
        // Medusa writes the entry after answering, without awaiting it.
        expect((await waitForKeys(cacheRedis, "mc:*")).length).toBeGreaterThan(0)
        expect(await redis.keys("mc:*")).toEqual([])
      })

      it("keeps the legacy cache (auth MFA challenges, OAuth state) in REDIS_URL's Redis", async () => {
        const cache = getContainer().resolve(Modules.CACHE)
        expect(cache.constructor.name).toEqual("RedisCacheService")
        // A key shaped like the OAuth state the auth module stores (20 minutes).
        await cache.set("beauty-test-oauth-state", { provider: "google" }, 1200)
        expect(JSON.parse((await redis.get("medusa:beauty-test-oauth-state"))!)).toEqual({ provider: "google" })
        expect(await redis.ttl("medusa:beauty-test-oauth-state")).toBeGreaterThan(1100)
        expect(await cacheRedis.keys("medusa:*")).toEqual([])
      })

      it("takes locks in Redis", async () => {
        const locking = getContainer().resolve(Modules.LOCKING)
        let keysWhileLocked: string[] = []
        await locking.execute("beauty-test-lock", async () => {
          keysWhileLocked = await redis.keys("medusa_lock:*")
        })
        expect(keysWhileLocked).toContain("medusa_lock:beauty-test-lock")
      })

      it("runs the workflow engine on Redis", () => {
        const engine = getContainer().resolve(Modules.WORKFLOW_ENGINE) as any
        // Only the Redis engine has this handler; both engines share a class name.
        expect(engine.redisDisconnectHandler_).toBeDefined()
      })

      it("GET /health/ready pings Redis", async () => {
        const response = await api.get("/health/ready")
        expect(response.status).toEqual(200)
        expect(response.data.redis.ok).toBe(true)
        expect(typeof response.data.redis.latency_ms).toBe("number")
      })

      it("delivers an emitted event to a subscriber through a Redis queue", async () => {
        const eventBus = getContainer().resolve(Modules.EVENT_BUS)
        const eventName = `beauty-test.delivered.${Date.now()}`
        const received = new Promise<unknown>((resolve) => {
          eventBus.subscribe(eventName, async (event) => resolve(event.data), {
            subscriberId: "beauty-test-subscriber",
          })
        })
        await eventBus.emit({ name: eventName, data: { id: "prod_123" } })
        expect(await waitFor(received, 15_000, eventName)).toEqual({ id: "prod_123" })

        // The job went through BullMQ in Redis and was kept (bounded retention).
        // BullMQ moves it to "completed" just after the handler returns.
        const jobId = await waitFor(findCompletedJob(eventName), 10_000, `${eventName} in the completed set`)
        const opts = JSON.parse((await redis.hget(`RedisEventBusService:events-queue:${jobId}`, "opts"))!)
        expect(opts.attempts).toEqual(5)
      })
    })
  },
})
