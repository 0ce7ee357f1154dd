import { createHash } from "node:crypto"
import Redis, { type RedisOptions } from "ioredis"
import type { CachedResponse } from "../../lib/response-cache"

/** The prefix of every key and of the channel, unless a test names its own. */
export const DEFAULT_NAMESPACE = "store-cache:"
/** Commands give up after this long: a slow cache must not slow the shop more than a miss does. */
const COMMAND_TIMEOUT_MS = 250

/**
 * Every tag has a version (a token that changes on each invalidation, made
 * by the first write that needs it); an entry keeps the versions of its tags
 * from when it was written and is a hit only while they are all still there
 * and the same. So an invalidation is one write per
 * tag, whatever number of entries it hits, and an evicted version (the cache
 * Redis evicts, allkeys-lru) only makes entries miss, never makes one stale.
 * `epoch` changes with every invalidation: an answer computed across one is
 * not written (it may hold what the invalidation was about).
 *
 * The scripts name keys they build themselves, which a Redis Cluster would
 * refuse; Railway's and Supabase-era Redis are single instances.
 */
const READ = `
local epoch = redis.call('GET', KEYS[2]) or ''
local entry = redis.call('HMGET', KEYS[1], 'body', 'headers', 'tags', 'versions')
if not entry[1] then return {epoch} end
local tags = cjson.decode(entry[3])
local versions = cjson.decode(entry[4])
for i, tag in ipairs(tags) do
  if (redis.call('GET', ARGV[1] .. tag) or '') ~= versions[i] then return {epoch} end
end
return {epoch, entry[1], entry[2], entry[3]}
`

const WRITE = `
if (redis.call('GET', KEYS[2]) or '') ~= ARGV[2] then return 0 end
local tags = cjson.decode(ARGV[5])
local versions = {}
for i, tag in ipairs(tags) do
  local key = ARGV[1] .. tag
  local version = redis.call('GET', key)
  if not version then
    local time = redis.call('TIME')
    version = time[1] .. '.' .. time[2] .. '.' .. redis.call('INCR', KEYS[3])
  end
  redis.call('SET', key, version, 'PX', ARGV[7])
  versions[i] = version
end
redis.call('HSET', KEYS[1], 'body', ARGV[3], 'headers', ARGV[4], 'tags', ARGV[5], 'versions', cjson.encode(versions))
redis.call('PEXPIRE', KEYS[1], ARGV[6])
local time = redis.call('TIME')
local now = time[1] * 1000 + math.floor(time[2] / 1000)
for _, tag in ipairs(tags) do
  local warm = ARGV[9] .. tag
  if redis.call('ZCARD', warm) < tonumber(ARGV[10]) then
    redis.call('ZADD', warm, 'NX', now, ARGV[8])
    redis.call('PEXPIRE', warm, ARGV[7])
  end
end
return 1
`

/** Takes (and empties) the warm-up lists of the tags named, the first-asked keys first. */
const TAKE_WARM_KEYS = `
local keys = {}
for i = 3, #ARGV do
  local warm = ARGV[1] .. ARGV[i]
  for _, key in ipairs(redis.call('ZRANGE', warm, 0, tonumber(ARGV[2]) - 1)) do keys[#keys + 1] = key end
  redis.call('DEL', warm)
end
return keys
`

const INVALIDATE = `
local time = redis.call('TIME')
local token = time[1] .. '.' .. time[2] .. '.' .. redis.call('INCR', KEYS[2])
for i = 5, #ARGV do redis.call('SET', ARGV[1] .. ARGV[i], token, 'PX', ARGV[4]) end
redis.call('SET', KEYS[1], token)
redis.call('PUBLISH', ARGV[2], '{"id":"' .. token .. '","tags":' .. ARGV[3] .. '}')
return token
`

interface StoreCacheRedis extends Redis {
  storeCacheRead(entry: string, epoch: string, versionPrefix: string): Promise<string[]>
  storeCacheWrite(
    entry: string,
    epoch: string,
    counter: string,
    versionPrefix: string,
    epochSeen: string,
    body: string,
    headers: string,
    tags: string,
    maxAgeMs: number,
    versionLifetimeMs: number,
    key: string,
    warmPrefix: string,
    warmLimit: number
  ): Promise<number>
  storeCacheTakeWarmKeys(warmPrefix: string, limit: number, ...tags: string[]): Promise<string[]>
  storeCacheInvalidate(epoch: string, counter: string, ...args: Array<string | number>): Promise<string>
}

export interface SharedRead {
  /** The epoch the read saw; a write of what is computed now must name it. */
  epoch: string
  hit?: { response: CachedResponse; tags: string[] }
}

export interface SharedLevelOptions {
  url: string
  redisOptions?: RedisOptions
  maxAgeMs: number
  /** Prefix of every key and of the channel (default DEFAULT_NAMESPACE). */
  namespace?: string
  /**
   * Whether answers are kept in this Redis (default true). Only a Redis of
   * the cache's own may hold them: on the main Redis, which BullMQ needs
   * without eviction, answers would take memory the event bus needs; there,
   * this level only carries invalidations and claims.
   */
  storesAnswers?: boolean
}

/** Keys remembered per tag for warming up after an invalidation; a tag on more answers than this warms the first ones. */
export const WARM_LIST_LIMIT = 2_000

/** A tag version outlives every entry that holds it, so an expired version can only cause misses. */
const versionLifetime = (maxAgeMs: number) => 2 * maxAgeMs + 60_000

/**
 * The second level of the store cache: answers in the cache Redis, shared by
 * every server replica, so a new replica starts warm and a page computed on
 * one replica is a hit on all; and the channel on which invalidations reach
 * every replica's first level. Commands never queue while Redis is away:
 * they fail at once and the caller answers without it.
 */
export class SharedLevel {
  readonly #redis: StoreCacheRedis
  readonly #maxAgeMs: number
  readonly #options: SharedLevelOptions
  readonly #prefix: string
  readonly storesAnswers: boolean
  /**
   * Whether this process hears every invalidation, so its answers may be
   * read from and written to this level: false until it listens, while it
   * cannot, and after an outage until what changed meanwhile is invalidated.
   */
  trusted = false
  /** The channel every server listens on for invalidations; a message is `{"id":"…","tags":[...]}`. */
  readonly channel: string

  constructor(options: SharedLevelOptions) {
    this.#options = options
    this.#maxAgeMs = options.maxAgeMs
    this.#prefix = options.namespace ?? DEFAULT_NAMESPACE
    this.storesAnswers = options.storesAnswers ?? true
    this.channel = `${this.#prefix}invalidate`
    this.#redis = connect(options, "store-cache") as StoreCacheRedis
    this.#redis.defineCommand("storeCacheRead", { numberOfKeys: 2, lua: READ })
    this.#redis.defineCommand("storeCacheWrite", { numberOfKeys: 3, lua: WRITE })
    this.#redis.defineCommand("storeCacheInvalidate", { numberOfKeys: 2, lua: INVALIDATE })
    this.#redis.defineCommand("storeCacheTakeWarmKeys", { numberOfKeys: 0, lua: TAKE_WARM_KEYS })
  }

  /** The connection, for its events (ready: commands fail, not queue, before it). */
  get connection(): Redis {
    return this.#redis
  }

  async read(key: string): Promise<SharedRead> {
    if (!this.storesAnswers) return { epoch: "" }
    const [epoch, body, headers, tags] = await this.#redis.storeCacheRead(
      this.#entryKey(key),
      this.#epochKey,
      this.#versionPrefix
    )
    if (body === undefined) return { epoch }
    return {
      epoch,
      hit: { response: { body: Buffer.from(body), headers: JSON.parse(headers) }, tags: JSON.parse(tags) },
    }
  }

  /** Keeps an answer unless an invalidation came since `epoch` was read. */
  async write(key: string, epoch: string, response: CachedResponse, tags: readonly string[]): Promise<boolean> {
    if (!this.storesAnswers) return false
    const written = await this.#redis.storeCacheWrite(
      this.#entryKey(key),
      this.#epochKey,
      this.#counterKey,
      this.#versionPrefix,
      epoch,
      response.body.toString(),
      JSON.stringify(response.headers),
      JSON.stringify(tags),
      this.#maxAgeMs,
      versionLifetime(this.#maxAgeMs),
      key,
      this.#warmPrefix,
      WARM_LIST_LIMIT
    )
    return written === 1
  }

  /** Makes every entry with one of `tags` miss, and tells every replica to drop its own. */
  async invalidate(tags: readonly string[]): Promise<void> {
    await this.#redis.storeCacheInvalidate(
      this.#epochKey,
      this.#counterKey,
      this.#versionPrefix,
      this.channel,
      JSON.stringify(tags),
      versionLifetime(this.#maxAgeMs),
      ...tags
    )
  }

  /**
   * The keys whose answers an invalidation of `tags` dropped, as far as they
   * were written since the last take, the first written first (those a
   * storefront asked soonest after a change), at most `limit` per tag; the
   * lists are emptied, so one caller takes them.
   */
  async takeWarmKeys(tags: readonly string[], limit: number): Promise<string[]> {
    if (!this.storesAnswers) return []
    const keys = await this.#redis.storeCacheTakeWarmKeys(this.#warmPrefix, limit, ...tags)
    return [...new Set(keys)]
  }

  /** True for the first caller of `name` within ttlMs across all replicas: one of them does a scheduled duty. */
  async claim(name: string, ttlMs: number): Promise<boolean> {
    return (await this.#redis.set(`${this.#prefix}claim:${name}`, "1", "PX", ttlMs, "NX")) === "OK"
  }

  /** A connection of its own that listens for invalidations (a subscribed connection can do nothing else). */
  subscriber(): Redis {
    return connect(this.#options, "store-cache-subscriber", { autoResubscribe: false })
  }

  async close(): Promise<void> {
    this.#redis.disconnect()
  }

  get #epochKey(): string {
    return `${this.#prefix}epoch`
  }

  get #warmPrefix(): string {
    return `${this.#prefix}w:`
  }

  get #counterKey(): string {
    return `${this.#prefix}counter`
  }

  get #versionPrefix(): string {
    return `${this.#prefix}v:`
  }

  #entryKey(key: string): string {
    return `${this.#prefix}e:${createHash("sha256").update(key).digest("hex")}`
  }
}

function connect(options: SharedLevelOptions, name: string, extra: RedisOptions = {}): Redis {
  return new Redis(options.url, {
    ...options.redisOptions,
    connectionName: name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    ...extra,
  })
}

export interface InvalidationMessage {
  /** Unique per invalidation: the replicas claim its warm-up by it. */
  id: string
  tags: string[]
}

/** An invalidation message, or undefined when the text is not one. */
export function readInvalidationMessage(text: string): InvalidationMessage | undefined {
  try {
    const { id, tags } = JSON.parse(text) as { id?: unknown; tags?: unknown }
    const valid = typeof id === "string" && Array.isArray(tags) && tags.every((tag) => typeof tag === "string")
    return valid ? { id, tags } : undefined
  } catch {
    return undefined
  }
}
