import { parseCacheKey } from "../../api/middlewares/caching/catalogue-request"

/** Requests at a time: the warm-up shares the server's one thread with shoppers, so it never takes it all. */
export const WARM_UP_CONCURRENCY = 2

export interface WarmUpReport {
  /** What the invalidations that dropped them named (their tags). */
  after: string[]
  asked: number
  answered: number
  failed: number
  ms: number
}

/**
 * Asks this server again, over loopback, for the answers an invalidation
 * dropped, so they are computed once here and written to both levels before
 * a shopper asks. Medusa 2.21 loads no API routes in a worker process, so a
 * worker cannot compute a Store API answer without copying Medusa's store
 * routes; the server that claims an invalidation does it instead, a couple
 * of requests at a time, off every shopper's path. Runs one after another:
 * keys arriving while one runs wait for the next.
 */
export class WarmUp {
  #pending = new Set<string>()
  #after = new Set<string>()
  #running: Promise<void> | undefined

  constructor(
    private readonly baseUrl: string,
    private readonly report: (report: WarmUpReport) => void,
    private readonly request: (url: string, headers: Record<string, string>) => Promise<number> = async (
      url,
      headers
    ) => {
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) })
      await response.arrayBuffer()
      return response.status
    }
  ) {}

  /**
   * Warms `keys` (cache keys, src/api/middlewares/caching/catalogue-request.ts) that an
   * invalidation of `after` dropped; resolves when they and any queued before
   * are done.
   */
  add(keys: readonly string[], after: readonly string[] = []): Promise<void> {
    for (const key of keys) this.#pending.add(key)
    for (const tag of after) this.#after.add(tag)
    this.#running ??= this.#drain().finally(() => (this.#running = undefined))
    return this.#running
  }

  async #drain(): Promise<void> {
    while (this.#pending.size) {
      const keys = [...this.#pending]
      const after = [...this.#after]
      this.#pending.clear()
      this.#after.clear()
      const began = Date.now()
      let answered = 0
      let failed = 0
      let next = 0
      const worker = async () => {
        while (next < keys.length) {
          const request = parseCacheKey(keys[next++])
          if (!request) {
            failed += 1
            continue
          }
          const headers: Record<string, string> = { "x-publishable-api-key": request.publishableKey }
          if (request.locale) headers["x-medusa-locale"] = request.locale
          if (request.origin) headers.origin = request.origin
          const status = await this.request(`${this.baseUrl}${request.url}`, headers).catch(() => 0)
          if (status === 200) answered += 1
          else failed += 1
        }
      }
      await Promise.all(Array.from({ length: WARM_UP_CONCURRENCY }, worker))
      this.report({ after, asked: keys.length, answered, failed, ms: Date.now() - began })
    }
  }
}
