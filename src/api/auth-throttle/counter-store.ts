import type Redis from "ioredis"

/** A counter's value and the seconds until it resets (0 when it does not exist). */
export interface Count {
  count: number
  ttlSeconds: number
}

/**
 * Where the login throttle keeps its counters: Redis, so every server
 * replica counts the same attempts, or this process's memory where no Redis
 * is configured (local development).
 */
export interface CounterStore {
  /** Adds one to each key and returns the new counts; a new key starts its window now. */
  increment(keys: string[], windowSeconds: number): Promise<Count[]>
  /** Takes one back from each key that still exists. */
  decrement(keys: string[]): Promise<void>
  remove(key: string): Promise<void>
  /** Sets a flag that lasts `seconds`. */
  mark(key: string, seconds: number): Promise<void>
  exists(key: string): Promise<boolean>
}

/** DECR only a key that still exists: DECR on a missing key would create one without a TTL. */
const DECREMENT_EXISTING = "if redis.call('exists', KEYS[1]) == 1 then return redis.call('decr', KEYS[1]) end return 0"

export class RedisCounterStore implements CounterStore {
  constructor(private readonly redis: Redis) {}

  async increment(keys: string[], windowSeconds: number): Promise<Count[]> {
    const pipeline = this.redis.multi()
    // SET NX EX starts the window only for a new key; INCR never touches its TTL.
    for (const key of keys) pipeline.set(key, 0, "EX", windowSeconds, "NX").incr(key).ttl(key)
    const results = (await pipeline.exec()) ?? []
    const failed = results.find(([error]) => error)
    if (failed) throw failed[0]
    return keys.map((_, i) => ({
      count: Number(results[3 * i + 1]?.[1] ?? 0),
      ttlSeconds: Math.max(0, Number(results[3 * i + 2]?.[1] ?? 0)),
    }))
  }

  async decrement(keys: string[]): Promise<void> {
    const pipeline = this.redis.pipeline()
    for (const key of keys) pipeline.eval(DECREMENT_EXISTING, 1, key)
    await pipeline.exec()
  }

  async remove(key: string): Promise<void> {
    await this.redis.del(key)
  }

  async mark(key: string, seconds: number): Promise<void> {
    await this.redis.set(key, 1, "EX", seconds)
  }

  async exists(key: string): Promise<boolean> {
    return (await this.redis.exists(key)) === 1
  }
}

export class MemoryCounterStore implements CounterStore {
  readonly #entries = new Map<string, { count: number; expiresAt: number }>()

  constructor(private readonly now: () => number = Date.now) {}

  #live(key: string) {
    const entry = this.#entries.get(key)
    if (entry && entry.expiresAt <= this.now()) {
      this.#entries.delete(key)
      return undefined
    }
    return entry
  }

  async increment(keys: string[], windowSeconds: number): Promise<Count[]> {
    return keys.map((key) => {
      let entry = this.#live(key)
      if (entry) entry.count += 1
      else this.#entries.set(key, (entry = { count: 1, expiresAt: this.now() + windowSeconds * 1000 }))
      return { count: entry.count, ttlSeconds: Math.ceil((entry.expiresAt - this.now()) / 1000) }
    })
  }

  async decrement(keys: string[]): Promise<void> {
    for (const key of keys) {
      const entry = this.#live(key)
      if (entry) entry.count -= 1
    }
  }

  async remove(key: string): Promise<void> {
    this.#entries.delete(key)
  }

  async mark(key: string, seconds: number): Promise<void> {
    this.#entries.set(key, { count: 1, expiresAt: this.now() + seconds * 1000 })
  }

  async exists(key: string): Promise<boolean> {
    return this.#live(key) !== undefined
  }
}
