/**
 * A short-lived, in-process cache of whole responses, with one computation
 * per key at a time ("single flight"): while the first request for a key is
 * being answered, the others for that key wait for its answer instead of
 * each asking the database the same question.
 *
 * Entries are fresh for `ttlMs`. Once one is older, the next request
 * recomputes it; while that runs, the others get the previous answer for at
 * most another half TTL (`stale`) instead of all waiting for the one
 * computation, which under load would stall every connection on each expiry.
 * So whatever changes (a price, a stock level, a price list whose start time
 * passes) shows within 1.5 TTL plus one computation on every replica, with no
 * invalidation message. The cache holds at most `maxBytes` of bodies; the
 * oldest entries go first.
 */
export interface CachedResponse {
  body: Buffer
  /** The headers to send again (CORS, content type, ETag), lower-case names. */
  headers: Record<string, string>
}

export interface ResponseCacheOptions {
  ttlMs: number
  maxBytes: number
  now?: () => number
}

interface Entry {
  response: CachedResponse
  expiresAt: number
}

export class ResponseCache {
  readonly #entries = new Map<string, Entry>()
  readonly #inFlight = new Map<string, Promise<CachedResponse | undefined>>()
  readonly #ttlMs: number
  readonly #graceMs: number
  readonly #maxBytes: number
  readonly #now: () => number
  #bytes = 0

  constructor({ ttlMs, maxBytes, now = Date.now }: ResponseCacheOptions) {
    this.#ttlMs = ttlMs
    this.#graceMs = Math.floor(ttlMs / 2)
    this.#maxBytes = maxBytes
    this.#now = now
  }

  /** 0: nothing is kept and nothing is shared. */
  get ttlMs(): number {
    return this.#ttlMs
  }

  get size(): number {
    return this.#entries.size
  }

  get bytes(): number {
    return this.#bytes
  }

  /** The fresh answer for key, if there is one; one past its grace too is dropped. */
  get(key: string): CachedResponse | undefined {
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    const now = this.#now()
    if (entry.expiresAt > now) return entry.response
    if (entry.expiresAt + this.#graceMs <= now) this.#delete(key, entry)
    return undefined
  }

  /** While key is being recomputed, its previous answer, up to half a TTL past its expiry. */
  stale(key: string): CachedResponse | undefined {
    if (!this.#inFlight.has(key)) return undefined
    const entry = this.#entries.get(key)
    return entry && entry.expiresAt + this.#graceMs > this.#now() ? entry.response : undefined
  }

  /** The answer being computed for key right now, if any (undefined once done). */
  inFlight(key: string): Promise<CachedResponse | undefined> | undefined {
    return this.#inFlight.get(key)
  }

  /**
   * Marks key as being computed. The returned function settles it: with a
   * response to store and hand to those waiting, or with undefined when the
   * answer is not to be shared (they then compute their own). Settling twice
   * does nothing.
   */
  begin(key: string): (response: CachedResponse | undefined) => void {
    let settle!: (response: CachedResponse | undefined) => void
    this.#inFlight.set(key, new Promise((resolve) => (settle = resolve)))
    let settled = false
    return (response) => {
      if (settled) return
      settled = true
      this.#inFlight.delete(key)
      if (response) this.#store(key, response)
      settle(response)
    }
  }

  #store(key: string, response: CachedResponse): void {
    if (this.#ttlMs <= 0 || response.body.length > this.#maxBytes) return
    const previous = this.#entries.get(key)
    if (previous) this.#delete(key, previous)
    this.#entries.set(key, { response, expiresAt: this.#now() + this.#ttlMs })
    this.#bytes += response.body.length
    // Map iteration is insertion order: the first entries are the oldest.
    for (const [oldKey, oldEntry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break
      this.#delete(oldKey, oldEntry)
    }
  }

  #delete(key: string, entry: Entry): void {
    this.#entries.delete(key)
    this.#bytes -= entry.response.body.length
  }
}
