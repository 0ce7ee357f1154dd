import type Redis from "ioredis"

/** A counter the throttle checks: its key and how many counted attempts it allows (Infinity: no limit). */
export interface Counter {
  key: string
  limit: number
}

/** Whether an attempt was counted, or which counter (by index) refused it and the seconds until it resets. */
export type Reservation = { counted: true } | { counted: false; refusedBy: number; retryAfterSeconds: number }

/**
 * Where the login throttle keeps its counters: Redis, so every server replica counts the same attempts, or this
 * process's memory where no Redis is configured (local development).
 */
export interface CounterStore {
  /**
   * In one step: when every counter is below its limit, adds one to each (a new counter starts its window now)
   * and says so; when one is at its limit, changes nothing and names it. An attempt that is refused is never
   * counted, so refusals cannot push another counter (the account's) over its limit.
   */
  reserve(counters: Counter[], windowSeconds: number): Promise<Reservation>
  /** Takes one back from each counter that still exists. */
  release(keys: string[]): Promise<void>
  remove(key: string): Promise<void>
  /** Sets a flag that lasts `seconds`. */
  mark(key: string, seconds: number): Promise<void>
  exists(key: string): Promise<boolean>
}

/**
 * KEYS: the counters; ARGV[1]: the window in seconds, ARGV[1 + i]: counter i's limit (-1: none). Returns
 * {0, 0} when counted, else {i, seconds left} for the counter that refuses with the longest wait.
 */
const RESERVE = `
local window = tonumber(ARGV[1])
local refusedBy, wait = 0, -1
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[i + 1])
  if limit >= 0 and tonumber(redis.call('get', key) or '0') >= limit then
    local ttl = redis.call('ttl', key)
    if ttl < 0 then redis.call('expire', key, window); ttl = window end
    if ttl > wait then refusedBy, wait = i, ttl end
  end
end
if refusedBy > 0 then return {refusedBy, wait} end
for _, key in ipairs(KEYS) do
  if redis.call('incr', key) == 1 then redis.call('expire', key, window) end
end
return {0, 0}
`

/** DECR only a key that still exists (DECR on a missing key would create one without a TTL); drop it at 0. */
const RELEASE = `
for _, key in ipairs(KEYS) do
  if redis.call('exists', key) == 1 and redis.call('decr', key) <= 0 then redis.call('del', key) end
end
return 0
`

export class RedisCounterStore implements CounterStore {
  constructor(private readonly redis: Redis) {}

  async reserve(counters: Counter[], windowSeconds: number): Promise<Reservation> {
    const limits = counters.map((c) => (Number.isFinite(c.limit) ? String(c.limit) : "-1"))
    const keys = counters.map((c) => c.key)
    const [refusedBy, wait] = (await this.redis.eval(RESERVE, keys.length, ...keys, windowSeconds, ...limits)) as [
      number,
      number,
    ]
    return refusedBy === 0
      ? { counted: true }
      : { counted: false, refusedBy: refusedBy - 1, retryAfterSeconds: Math.max(1, wait) }
  }

  async release(keys: string[]): Promise<void> {
    if (keys.length) await this.redis.eval(RELEASE, keys.length, ...keys)
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

/** At most this many counters in memory; past it the oldest go first (an attacker can reset counts, not grow memory). */
export const MEMORY_COUNTERS_MAX = 50_000
const SWEEP_EVERY_MS = 60_000

/**
 * The same counters in this process's memory, for a shop without Redis (production requires Redis). JavaScript
 * runs each call to the end before the next, so reserve is as atomic as the Redis script. Bounded in entries and
 * swept of expired ones once a minute, since every address and email a client sends makes a key.
 */
export class MemoryCounterStore implements CounterStore {
  readonly #entries = new Map<string, { count: number; expiresAt: number }>()

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxEntries = MEMORY_COUNTERS_MAX
  ) {
    setInterval(() => this.sweep(), SWEEP_EVERY_MS).unref()
  }

  get size(): number {
    return this.#entries.size
  }

  /** Drops every expired counter. */
  sweep(): void {
    const now = this.now()
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key)
  }

  #live(key: string) {
    const entry = this.#entries.get(key)
    if (entry && entry.expiresAt <= this.now()) {
      this.#entries.delete(key)
      return undefined
    }
    return entry
  }

  #set(key: string, count: number, seconds: number) {
    if (this.#entries.size >= this.maxEntries) this.sweep()
    // Map iteration is insertion order: the first entry is the oldest.
    while (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value as string)
    this.#entries.set(key, { count, expiresAt: this.now() + seconds * 1000 })
  }

  async reserve(counters: Counter[], windowSeconds: number): Promise<Reservation> {
    let refusal: Reservation | undefined
    counters.forEach(({ key, limit }, i) => {
      const entry = this.#live(key)
      if (!entry || entry.count < limit) return
      const wait = Math.ceil((entry.expiresAt - this.now()) / 1000)
      if (!refusal || (!refusal.counted && wait > refusal.retryAfterSeconds)) {
        refusal = { counted: false, refusedBy: i, retryAfterSeconds: Math.max(1, wait) }
      }
    })
    if (refusal) return refusal
    for (const { key } of counters) {
      const entry = this.#live(key)
      if (entry) entry.count += 1
      else this.#set(key, 1, windowSeconds)
    }
    return { counted: true }
  }

  async release(keys: string[]): Promise<void> {
    for (const key of keys) {
      const entry = this.#live(key)
      if (entry && (entry.count -= 1) <= 0) this.#entries.delete(key)
    }
  }

  async remove(key: string): Promise<void> {
    this.#entries.delete(key)
  }

  async mark(key: string, seconds: number): Promise<void> {
    this.#set(key, 1, seconds)
  }

  async exists(key: string): Promise<boolean> {
    return this.#live(key) !== undefined
  }
}
