/**
 * An in-process cache of whole responses, with one computation per key at a
 * time ("single flight"): while the first request for a key is being
 * answered, the others for that key wait for its answer instead of each
 * asking the database the same question.
 *
 * An entry lives until `invalidate` names one of its tags, or at most
 * `maxAgeMs`, a safety net for a change nobody announced. While the owner
 * cannot be sure it hears every invalidation (`confirmInvalidations(false)`,
 * e.g. its Redis is gone), entries live `unconfirmedMaxAgeMs` instead, so
 * a change shows after that long without any message. An answer computed
 * while an invalidation arrived is handed to those waiting but not kept: it
 * may hold what the invalidation was about.
 *
 * Once an entry is past its age, the next request recomputes it; while that
 * runs, the others get the previous answer for at most another half age
 * (`stale`) instead of all waiting for the one computation. An invalidated
 * entry is gone at once and is never served stale.
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
  /** How long an entry lives at most; 0 turns the cache off. */
  maxAgeMs: number
  /** How long an entry lives while invalidations are not confirmed (default: maxAgeMs). */
  unconfirmedMaxAgeMs?: number
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
  tags: readonly string[]
  storedAt: number
  bytes: number
}

/** Settles a computation begun with `begin`: the answer and its tags, or undefined when it is not to be shared. */
export type Settle = (response: CachedResponse | undefined, tags?: readonly string[]) => void

const nothingToSettle: Settle = () => undefined

export class ResponseCache {
  readonly #entries = new Map<string, Entry>()
  readonly #inFlight = new Map<string, Promise<CachedResponse | undefined>>()
  readonly #maxAgeMs: number
  readonly #unconfirmedMaxAgeMs: number
  readonly #maxBytes: number
  readonly #maxEntries: number
  readonly #maxKeyBytes: number
  readonly #maxInFlight: number
  readonly #now: () => number
  #confirmed = true
  /** Counts invalidations; a computation begun at one epoch is kept only if it settles at the same. */
  #epoch = 0
  #bytes = 0

  constructor({
    maxAgeMs,
    unconfirmedMaxAgeMs = maxAgeMs,
    maxBytes,
    maxEntries = 10_000,
    maxKeyBytes = DEFAULT_MAX_KEY_BYTES,
    maxInFlight = 1_000,
    now = Date.now,
    sweepEveryMs = 1_000,
  }: ResponseCacheOptions) {
    this.#maxAgeMs = maxAgeMs
    this.#unconfirmedMaxAgeMs = Math.min(unconfirmedMaxAgeMs, maxAgeMs)
    this.#maxBytes = maxBytes
    this.#maxEntries = maxEntries
    this.#maxKeyBytes = maxKeyBytes
    this.#maxInFlight = maxInFlight
    this.#now = now
    if (maxAgeMs > 0 && sweepEveryMs > 0) setInterval(() => this.sweep(), sweepEveryMs).unref()
  }

  /** false: nothing is kept and nothing is shared. */
  get enabled(): boolean {
    return this.#maxAgeMs > 0
  }

  /** How long an entry lives now. */
  get maxAgeMs(): number {
    return this.#confirmed ? this.#maxAgeMs : this.#unconfirmedMaxAgeMs
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

  /**
   * Whether every invalidation reaches this cache. Either way the entries
   * held so far are dropped: while unconfirmed, some may have missed one;
   * once confirmed again, those kept meanwhile may have too.
   */
  confirmInvalidations(confirmed: boolean): void {
    this.#confirmed = confirmed
    this.invalidate(undefined)
  }

  /** Whether an answer under key may be kept at all. */
  accepts(key: string): boolean {
    return this.enabled && Buffer.byteLength(key) <= this.#maxKeyBytes
  }

  /** The fresh answer for key, if there is one; one past its grace too is dropped. */
  get(key: string): CachedResponse | undefined {
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    const age = this.#now() - entry.storedAt
    if (age < this.maxAgeMs) return entry.response
    if (age >= this.#graceEnds()) this.#delete(key, entry)
    return undefined
  }

  /** While key is being recomputed, its previous answer, up to half an age past its expiry. */
  stale(key: string): CachedResponse | undefined {
    if (!this.#inFlight.has(key)) return undefined
    const entry = this.#entries.get(key)
    return entry && this.#now() - entry.storedAt < this.#graceEnds() ? entry.response : undefined
  }

  /** The answer being computed for key right now, if any (undefined once done). */
  inFlight(key: string): Promise<CachedResponse | undefined> | undefined {
    return this.#inFlight.get(key)
  }

  /**
   * Marks key as being computed. The returned function settles it: with a
   * response (and its tags) to store and hand to those waiting, or with
   * undefined when the answer is not to be shared (they then compute their
   * own). Settling twice does nothing. A key the cache does not accept, or
   * one past maxInFlight computations, is neither marked nor stored.
   */
  begin(key: string): Settle {
    if (!this.accepts(key) || this.#inFlight.size >= this.#maxInFlight) return nothingToSettle
    let settle!: (response: CachedResponse | undefined) => void
    this.#inFlight.set(key, new Promise((resolve) => (settle = resolve)))
    const epoch = this.#epoch
    let settled = false
    return (response, tags = []) => {
      if (settled) return
      settled = true
      this.#inFlight.delete(key)
      if (response && epoch === this.#epoch) this.#store(key, response, tags)
      settle(response)
    }
  }

  /** Drops every entry with one of `tags`, or every entry when tags is undefined. */
  invalidate(tags: readonly string[] | undefined): void {
    this.#epoch += 1
    if (!tags) {
      this.#entries.clear()
      this.#bytes = 0
      return
    }
    const dropped = new Set(tags)
    for (const [key, entry] of this.#entries) {
      if (entry.tags.some((tag) => dropped.has(tag))) this.#delete(key, entry)
    }
  }

  /** Drops every entry past its age and grace. */
  sweep(): void {
    const now = this.#now()
    const graceEnds = this.#graceEnds()
    for (const [key, entry] of this.#entries) {
      if (now - entry.storedAt >= graceEnds) this.#delete(key, entry)
    }
  }

  #graceEnds(): number {
    return this.maxAgeMs + Math.floor(this.maxAgeMs / 2)
  }

  #store(key: string, response: CachedResponse, tags: readonly string[]): void {
    const bytes = sizeOf(key, response) + tags.reduce((sum, tag) => sum + tag.length, 0)
    if (bytes > this.#maxBytes) return
    const previous = this.#entries.get(key)
    if (previous) this.#delete(key, previous)
    this.#entries.set(key, { response, tags, storedAt: this.#now(), bytes })
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
