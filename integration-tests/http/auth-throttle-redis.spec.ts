/**
 * The login throttle's counters in a real Redis (src/api/middlewares/auth-throttle/counter-store.ts): checking and counting
 * is one script, so a burst of parallel attempts lets exactly the limit through and a refused attempt is never
 * counted, and every counter it makes expires.
 */
import { createHash } from "node:crypto"
import Redis from "ioredis"
import { RedisCounterStore } from "../../src/api/middlewares/auth-throttle/counter-store"
import { AuthThrottle, type Attempt } from "../../src/api/middlewares/auth-throttle/throttle"

jest.setTimeout(30 * 1000)

const redisUrl = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379"
const LIMITS = { perAccountAndAddress: 5, perAddress: 20, perAccount: 50, windowSeconds: 120 }
let redis: Redis
let run = 0

beforeAll(() => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 })
})

afterAll(async () => {
  const keys = await redis.keys("beauty:auth-throttle:*")
  if (keys.length) await redis.del(...keys)
  await redis.quit()
})

const uniqueEmail = () => `redis-${process.pid}-${Date.now()}-${(run += 1)}@example.dk`
const from = (account: string, address: string): Attempt => ({
  action: "login",
  account,
  client: { shared: false, address },
})

describe("RedisCounterStore", () => {
  it("lets exactly the limit of 60 parallel guesses through, and counts none of the refused ones", async () => {
    // Two throttles on two connections: two server replicas.
    const second = new Redis(redisUrl, { maxRetriesPerRequest: 1 })
    const replicas = [
      new AuthThrottle(new RedisCounterStore(redis), LIMITS),
      new AuthThrottle(new RedisCounterStore(second), LIMITS),
    ]
    const email = uniqueEmail()
    const guess = from(email, "203.0.113.60")
    const verdicts = await Promise.all(Array.from({ length: 60 }, (_, i) => replicas[i % 2].begin(guess)))
    await second.quit()
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5)
    expect(verdicts.filter((v) => !v.allowed).every((v) => !v.allowed && v.limit === "account and address")).toBe(true)
    const keys = await redis.keys("beauty:auth-throttle:login:*")
    const counts = await Promise.all(keys.map(async (key) => [key, Number(await redis.get(key))] as const))
    // The pair, the address and the account each hold the 5 that were let through, never the 55 refused.
    expect(counts.filter(([, count]) => count === 5).length).toBeGreaterThanOrEqual(3)
    expect(counts.every(([, count]) => count <= 5)).toBe(true)
    expect(await replicas[0].begin(from(email, "198.51.100.60"))).toEqual({ allowed: true })
  })

  it("gives every counter the window as its time to live", async () => {
    const throttle = new AuthThrottle(new RedisCounterStore(redis), LIMITS)
    await throttle.begin(from(uniqueEmail(), "203.0.113.61"))
    const keys = await redis.keys("beauty:auth-throttle:login:*")
    const ttls = await Promise.all(keys.map((key) => redis.ttl(key)))
    expect(ttls.length).toBeGreaterThan(0)
    expect(ttls.every((ttl) => ttl > 0 && ttl <= LIMITS.windowSeconds)).toBe(true)
  })

  it("takes back what was not a failure and drops a counter back at zero", async () => {
    const throttle = new AuthThrottle(new RedisCounterStore(redis), LIMITS)
    const email = uniqueEmail()
    const confused = from(email, "203.0.113.62")
    for (let i = 0; i < 12; i++) {
      expect(await throttle.begin(confused)).toEqual({ allowed: true })
      await throttle.settle(confused, "neither")
    }
    const accountId = createHash("sha256").update(email).digest("hex").slice(0, 32)
    const counters = () => redis.keys(`beauty:auth-throttle:login:*${accountId}*`)
    await throttle.begin(confused)
    expect((await counters()).length).toBe(2)
    await throttle.settle(confused, "success")
    // The pair's slate is clean and the account's counter back at zero is gone.
    expect(await counters()).toEqual([])
    expect(await redis.keys(`beauty:auth-throttle:known:${accountId}:*`)).toHaveLength(1)
  })
})
