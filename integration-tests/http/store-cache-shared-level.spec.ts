/**
 * The store cache's second level in a real Redis (src/modules/store-cache/shared-level.ts): an answer written
 * by one replica is read back byte for byte by another; invalidating a tag it carries (or `all`) makes it miss
 * while an unrelated tag leaves it; an answer computed across an invalidation is refused; every invalidation
 * is published to the other replicas; a duty is claimed by one caller only; an evicted tag version makes its
 * entries miss, never hit; and every entry expires.
 */
import Redis from "ioredis"
import type { CachedResponse } from "../../src/lib/response-cache"
import { readInvalidationMessage, SharedLevel } from "../../src/modules/store-cache/shared-level"

jest.setTimeout(30 * 1000)

const redisUrl = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379"
const namespace = `test-store-cache-${process.pid}-${Date.now()}:`
const MAX_AGE_MS = 60_000

let admin: Redis
let levels: SharedLevel[] = []
let subscribers: Redis[] = []
let run = 0

/** The level's connections refuse commands until they are ready (no offline queue). */
function ready(redis: Redis): Promise<void> {
  if (redis.status === "ready") return Promise.resolve()
  return new Promise((resolve, reject) => {
    redis.once("ready", () => resolve())
    redis.once("end", () => reject(new Error(`Redis at ${redisUrl} is not reachable`)))
  })
}

/** A replica's second level. */
async function replica(): Promise<SharedLevel> {
  const level = new SharedLevel({ url: redisUrl, maxAgeMs: MAX_AGE_MS, namespace })
  level.connection.on("error", () => undefined)
  levels.push(level)
  await ready(level.connection)
  return level
}

const uniqueKey = () => `/store/products?handle=h-${(run += 1)}|pk_test`
const uniqueTag = (name: string) => `${name}-${run}-${Date.now()}`

const answer = (text: string): CachedResponse => ({
  body: Buffer.from(text),
  headers: { "content-type": "application/json; charset=utf-8", etag: `W/"${run}"` },
})

beforeAll(async () => {
  admin = new Redis(redisUrl, { maxRetriesPerRequest: 1 })
  await admin.ping()
})

afterAll(async () => {
  for (const subscriber of subscribers) subscriber.disconnect()
  await Promise.all(levels.map((level) => level.close()))
  const keys = await admin.keys(`${namespace}*`)
  if (keys.length) await admin.del(...keys)
  await admin.quit()
})

describe("SharedLevel", () => {
  it("reads back, on another replica, the body's bytes, the headers and the tags written", async () => {
    const [writer, reader] = [await replica(), await replica()]
    const key = uniqueKey()
    const response = answer(JSON.stringify({ products: [{ id: "prod_1", title: "Crème riche – 50 ml 💄" }] }))
    const tags = ["all", "product:prod_1"]

    const first = await writer.read(key)
    expect(first.hit).toBeUndefined()
    expect(await writer.write(key, first.epoch, response, tags)).toBe(true)

    const { hit } = await reader.read(key)
    expect(hit).toBeDefined()
    expect(Buffer.compare(hit!.response.body, response.body)).toBe(0)
    expect(hit!.response.headers).toEqual(response.headers)
    expect(hit!.tags).toEqual(tags)
  })

  it("misses after one of the entry's tags is invalidated, and hits after an unrelated tag is", async () => {
    const [level, other] = [await replica(), await replica()]
    const key = uniqueKey()
    const product = uniqueTag("product:prod")
    const { epoch } = await level.read(key)
    expect(await level.write(key, epoch, answer("{}"), ["all", product])).toBe(true)

    await other.invalidate([uniqueTag("product:unrelated")])
    expect((await level.read(key)).hit).toBeDefined()

    await other.invalidate([product])
    expect((await level.read(key)).hit).toBeUndefined()
    expect((await other.read(key)).hit).toBeUndefined()
  })

  it("makes every entry miss when `all` is invalidated", async () => {
    const level = await replica()
    const keys = [uniqueKey(), uniqueKey(), uniqueKey()]
    const tagSets = [["all", "lists"], ["all", uniqueTag("product:prod")], ["all"]]
    for (const [i, key] of keys.entries()) {
      const { epoch } = await level.read(key)
      expect(await level.write(key, epoch, answer(`{"i":${i}}`), tagSets[i])).toBe(true)
    }
    for (const key of keys) expect((await level.read(key)).hit).toBeDefined()

    await level.invalidate(["all"])
    for (const key of keys) expect((await level.read(key)).hit).toBeUndefined()
  })

  it("refuses a write whose epoch was read before an invalidation", async () => {
    const [level, other] = [await replica(), await replica()]
    const key = uniqueKey()
    const before = await level.read(key)
    await other.invalidate([uniqueTag("product:elsewhere")])

    expect(await level.write(key, before.epoch, answer('{"stale":true}'), ["all", "lists"])).toBe(false)
    const after = await level.read(key)
    expect(after.hit).toBeUndefined()
    expect(after.epoch).not.toBe(before.epoch)
    // With the epoch read after the invalidation, the same write is kept.
    expect(await level.write(key, after.epoch, answer('{"fresh":true}'), ["all", "lists"])).toBe(true)
    expect((await level.read(key)).hit?.response.body.toString()).toBe('{"fresh":true}')
  })

  it("publishes an invalidation on its channel as {id, tags}, which a subscriber receives", async () => {
    const [level, other] = [await replica(), await replica()]
    const subscriber = other.subscriber()
    subscribers.push(subscriber)
    subscriber.on("error", () => undefined)
    await ready(subscriber)
    await subscriber.subscribe(other.channel)
    expect(other.channel).toBe(level.channel)

    const tags = ["lists", uniqueTag("product:prod")]
    const received = new Promise<{ channel: string; message: string }>((resolve) =>
      subscriber.on("message", (channel, message) => resolve({ channel, message }))
    )
    await level.invalidate(tags)
    const { channel, message } = await received
    expect(channel).toBe(level.channel)
    expect(JSON.parse(message)).toEqual({ id: expect.any(String), tags })
    expect(readInvalidationMessage(message)).toEqual({ id: JSON.parse(message).id, tags })
    expect(readInvalidationMessage('{"tags":["all"]}')).toBeUndefined()
  })

  it("lets exactly one caller claim a duty", async () => {
    const [level, other] = [await replica(), await replica()]
    const duty = `price-list-boundary-${run}-${Date.now()}`
    const claims = await Promise.all([level.claim(duty, 10_000), other.claim(duty, 10_000)])
    expect(claims.filter(Boolean)).toHaveLength(1)
    expect(await level.claim(duty, 10_000)).toBe(false)
    expect(await other.claim(duty, 10_000)).toBe(false)
  })

  it("misses, rather than hits, when the version of one of an entry's tags is evicted", async () => {
    const level = await replica()
    const key = uniqueKey()
    const product = uniqueTag("product:prod")
    // An invalidation creates the tag's version; the entry then keeps it.
    await level.invalidate([product])
    expect(await admin.exists(`${namespace}v:${product}`)).toBe(1)
    const { epoch } = await level.read(key)
    expect(await level.write(key, epoch, answer("{}"), ["all", product])).toBe(true)
    expect((await level.read(key)).hit).toBeDefined()

    expect(await admin.del(`${namespace}v:${product}`)).toBe(1)
    expect((await level.read(key)).hit).toBeUndefined()
  })

  it("misses when a version is evicted that was created after the entry was written", async () => {
    const level = await replica()
    const key = uniqueKey()
    const product = uniqueTag("product:prod")
    const { epoch } = await level.read(key)
    expect(await level.write(key, epoch, answer('{"before":true}'), ["all", product])).toBe(true)
    await level.invalidate([product])
    expect((await level.read(key)).hit).toBeUndefined()

    // The cache Redis (allkeys-lru) evicts the version the invalidation made; the old answer must not come back.
    expect(await admin.del(`${namespace}v:${product}`)).toBe(1)
    expect((await level.read(key)).hit).toBeUndefined()
  })

  it("writes every entry with a time to live of at most maxAgeMs", async () => {
    const level = await replica()
    const key = uniqueKey()
    const before = new Set(await admin.keys(`${namespace}e:*`))
    const { epoch } = await level.read(key)
    expect(await level.write(key, epoch, answer("{}"), ["all", "lists"])).toBe(true)

    const entries = await admin.keys(`${namespace}e:*`)
    const written = entries.filter((entry) => !before.has(entry))
    expect(written).toHaveLength(1)
    const ttls = await Promise.all(entries.map((entry) => admin.pttl(entry)))
    expect(ttls.every((ttl) => ttl > 0 && ttl <= MAX_AGE_MS)).toBe(true)
  })

  it("remembers per tag which keys were written, hands them to one taker, first written first, at most the limit", async () => {
    const [level, other] = [await replica(), await replica()]
    const product = uniqueTag("product:prod")
    const keys = [uniqueKey(), uniqueKey(), uniqueKey()]
    for (const key of keys) {
      const { epoch } = await level.read(key)
      expect(await level.write(key, epoch, answer("{}"), ["all", product])).toBe(true)
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    expect(await other.takeWarmKeys([product], 2)).toEqual(keys.slice(0, 2))
    // Taken: the list is gone, so a second replica warms nothing twice.
    expect(await level.takeWarmKeys([product], 10)).toEqual([])
  })

  it("does not remember a key for warming when its write is refused", async () => {
    const level = await replica()
    const product = uniqueTag("product:prod")
    const key = uniqueKey()
    const { epoch } = await level.read(key)
    await level.invalidate([uniqueTag("product:other")])
    expect(await level.write(key, epoch, answer("{}"), ["all", product])).toBe(false)
    expect(await level.takeWarmKeys([product], 10)).toEqual([])
  })
})
