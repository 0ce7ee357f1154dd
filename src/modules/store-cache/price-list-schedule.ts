import type { QueryGraph } from "./product-lookup"

/** setTimeout's longest wait is about 24.8 days; a far boundary is looked at again after this. */
const LONGEST_WAIT_MS = 6 * 3600 * 1000
/**
 * Medusa compares a price list's times with the database's clock (`now()` in
 * the pricing repository), so the cache is invalidated just after a
 * boundary, and once more in case the database's clock is behind this one's.
 */
export const AFTER_BOUNDARY_MS = [50, 1_500]

/** The next start or end of an active price list after `now`, if any. */
export function nextBoundary(priceLists: Array<{ starts_at?: unknown; ends_at?: unknown }>, now: number) {
  let next: number | undefined
  for (const list of priceLists) {
    for (const value of [list.starts_at, list.ends_at]) {
      if (!value) continue
      const at = new Date(value as string | Date).getTime()
      if (Number.isFinite(at) && at > now && (next === undefined || at < next)) next = at
    }
  }
  return next
}

/**
 * A price list that starts or ends changes prices without any write, so no
 * event announces it: this waits for the next such moment and invalidates
 * then. `refresh` reads the price lists again (after any change that may
 * have touched one).
 */
export class PriceListSchedule {
  #timers: NodeJS.Timeout[] = []
  #refreshing: Promise<void> | undefined
  #again = false
  #stopped = false

  constructor(
    private readonly graph: () => QueryGraph,
    private readonly onBoundary: (at: number, pass: number) => void,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = Date.now
  ) {}

  /** Reads the price lists and waits for the next boundary; calls made meanwhile make it read once more. */
  refresh(): Promise<void> {
    if (this.#refreshing) {
      this.#again = true
      return this.#refreshing
    }
    this.#refreshing = this.#read()
      .catch(this.onError)
      .finally(() => {
        this.#refreshing = undefined
        if (this.#again) {
          this.#again = false
          void this.refresh()
        }
      })
    return this.#refreshing
  }

  stop(): void {
    this.#stopped = true
    this.#clear()
  }

  async #read(): Promise<void> {
    const { data } = await this.graph()({
      entity: "price_list",
      fields: ["id", "starts_at", "ends_at"],
      filters: { status: ["active"] },
    })
    if (this.#stopped) return
    this.#clear()
    const now = this.now()
    const at = nextBoundary(data, now)
    if (at === undefined) return
    if (at - now > LONGEST_WAIT_MS) {
      this.#timers.push(setTimeout(() => void this.refresh(), LONGEST_WAIT_MS).unref())
      return
    }
    AFTER_BOUNDARY_MS.forEach((after, pass) => {
      this.#timers.push(
        setTimeout(
          () => {
            this.onBoundary(at, pass)
            if (pass === AFTER_BOUNDARY_MS.length - 1) void this.refresh()
          },
          at - now + after
        ).unref()
      )
    })
  }

  #clear(): void {
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers = []
  }
}
