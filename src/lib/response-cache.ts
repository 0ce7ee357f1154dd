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
 * invalidation message.
 *
 * Keys are made of what a client sends (the URL), so memory is bounded
 * against anonymous input, not only against the catalogue: at most
 * `maxEntries` entries and `maxBytes` counting keys, headers and bodies (the
 * oldest go first), no key longer than `maxKeyBytes`, at most `maxInFlight`
 * computations shared at once, and expired entries swept every second
 * whether or not their key comes back.
 */
export interface CachedResponse {
  body: Buffer
  /** The headers to send again (CORS, content type, ETag), lower-case names. */
  headers: Record<string, string>
}

export interface ResponseCacheOptions {
  ttlMs: number
  maxBytes: number
  maxEntries?: number
  maxKeyBytes?: number
  maxInFlight?: number
  now?: () => number
  /** How often expired entries are swept; 0 leaves it to the caller (tests call sweep()). */
  sweepEveryMs?: number
}

/** What a Map entry and its bookkeeping cost beyond the key and the response's own bytes. */
export const ENTRY_OVERHEAD_BYTES = 256

/** A URL longer than this is no storefront's: Medusa answers it, nobody keeps it. */
export const DEFAULT_MAX_KEY_BYTES = 2_048

interface Entry {
  response: CachedResponse
  expiresAt: number
  bytes: number
}

const nothingToSettle = () => undefined

export class ResponseCache {
  readonly #entries = new Map<string, Entry>()
  readonly #inFlight = new Map<string, Promise<CachedResponse | undefined>>()
  readonly #ttlMs: number
  readonly #graceMs: number
  readonly #maxBytes: number
  readonly #maxEntries: number
  readonly #maxKeyBytes: number
  readonly #maxInFlight: number
  readonly #now: () => number
  #bytes = 0

  constructor({
    ttlMs,
    maxBytes,
    maxEntries = 10_000,
    maxKeyBytes = DEFAULT_MAX_KEY_BYTES,
    maxInFlight = 1_000,
    now = Date.now,
    sweepEveryMs = 1_000,
  }: ResponseCacheOptions) {
    this.#ttlMs = ttlMs
    this.#graceMs = Math.floor(ttlMs / 2)
    this.#maxBytes = maxBytes
    this.#maxEntries = maxEntries
    this.#maxKeyBytes = maxKeyBytes
    this.#maxInFlight = maxInFlight
    this.#now = now
    if (ttlMs > 0 && sweepEveryMs > 0) setInterval(() => this.sweep(), sweepEveryMs).unref()
  }

  /** 0: nothing is kept and nothing is shared. */
  get ttlMs(): number {
    return this.#ttlMs
  }

  get size(): number {
    return this.#entries.size
  }

  /** Keys, headers and bodies held, with each entry's overhead. */
  get bytes(): number {
    return this.#bytes
  }

  get inFlightCount(): number {
    return this.#inFlight.size
  }

  /** Whether an answer under key may be kept at all. */
  accepts(key: string): boolean {
    return this.#ttlMs > 0 && Buffer.byteLength(key) <= this.#maxKeyBytes
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
   * does nothing. A key the cache does not accept, or one past maxInFlight
   * computations, is neither marked nor stored.
   */
  begin(key: string): (response: CachedResponse | undefined) => void {
    if (!this.accepts(key) || this.#inFlight.size >= this.#maxInFlight) return nothingToSettle
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

  /** Drops every entry past its expiry and grace. */
  sweep(): void {
    const now = this.#now()
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt + this.#graceMs <= now) this.#delete(key, entry)
    }
  }

  #store(key: string, response: CachedResponse): void {
    const bytes = sizeOf(key, response)
    if (bytes > this.#maxBytes) return
    const previous = this.#entries.get(key)
    if (previous) this.#delete(key, previous)
    this.#entries.set(key, { response, expiresAt: this.#now() + this.#ttlMs, bytes })
    this.#bytes += bytes
    // Map iteration is insertion order: the first entries are the oldest.
    for (const [oldKey, oldEntry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes && this.#entries.size <= this.#maxEntries) break
      this.#delete(oldKey, oldEntry)
    }
  }

  #delete(key: string, entry: Entry): void {
    this.#entries.delete(key)
    this.#bytes -= entry.bytes
  }
}

/** An entry's cost: its key, headers, body and overhead. */
export function sizeOf(key: string, { body, headers }: CachedResponse): number {
  let bytes = ENTRY_OVERHEAD_BYTES + Buffer.byteLength(key) + body.length
  for (const [name, value] of Object.entries(headers)) bytes += name.length + value.length
  return bytes
}
