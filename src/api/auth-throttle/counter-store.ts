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
  read(keys: string[]): Promise<Count[]>
  /** Adds one to each key; a key that did not exist starts its window now. */
  increment(keys: string[], windowSeconds: number): Promise<void>
  remove(key: string): Promise<void>
  /** Sets a flag that lasts `seconds`. */
  mark(key: string, seconds: number): Promise<void>
  exists(key: string): Promise<boolean>
}

export class RedisCounterStore implements CounterStore {
  constructor(private readonly redis: Redis) {}

  async read(keys: string[]): Promise<Count[]> {
    const pipeline = this.redis.pipeline()
    for (const key of keys) pipeline.get(key).ttl(key)
    const results = (await pipeline.exec()) ?? []
    return keys.map((_, i) => {
      const [getError, value] = results[2 * i] ?? []
      const [ttlError, ttl] = results[2 * i + 1] ?? []
      if (getError || ttlError) throw getError ?? ttlError
      return { count: Number(value ?? 0), ttlSeconds: Math.max(0, Number(ttl ?? 0)) }
    })
  }

  async increment(keys: string[], windowSeconds: number): Promise<void> {
    const pipeline = this.redis.pipeline()
    // SET NX EX starts the window only for a new key; INCR never touches its TTL.
    for (const key of keys) pipeline.set(key, 0, "EX", windowSeconds, "NX").incr(key)
    const results = (await pipeline.exec()) ?? []
    const failed = results.find(([error]) => error)
    if (failed) throw failed[0]
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

  async read(keys: string[]): Promise<Count[]> {
    return keys.map((key) => {
      const entry = this.#live(key)
      return entry
        ? { count: entry.count, ttlSeconds: Math.ceil((entry.expiresAt - this.now()) / 1000) }
        : { count: 0, ttlSeconds: 0 }
    })
  }

  async increment(keys: string[], windowSeconds: number): Promise<void> {
    for (const key of keys) {
      const entry = this.#live(key)
      if (entry) entry.count += 1
      else this.#entries.set(key, { count: 1, expiresAt: this.now() + windowSeconds * 1000 })
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
