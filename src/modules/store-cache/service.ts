import type { Logger } from "@medusajs/framework/types"
import type Redis from "ioredis"
import { once } from "node:events"
import {
  disableSharedStoreCache,
  servesStoreApi,
  sharedStoreCache,
  storeCache,
} from "../../api/middlewares/caching/store-cache"
import { parseEnv } from "../../config/env"
import { ALL, decide, LISTS, productTags, type Decision } from "./invalidation-rules"
import { PriceListSchedule } from "./price-list-schedule"
import { productsOf, type QueryGraph } from "./product-lookup"
import { readInvalidationMessage, type SharedLevel } from "./shared-level"
import { WarmUp } from "./warm-up"

/** What Medusa's event bus hands an interceptor: every event, as it is emitted or released. */
interface InterceptedEvent {
  name: string
  data?: unknown
}

interface EventBusWithInterceptors {
  addInterceptor?: (interceptor: (event: InterceptedEvent) => unknown) => unknown
}

interface Dependencies {
  event_bus: EventBusWithInterceptors
  logger: Logger
  query: { graph: QueryGraph }
}

/**
 * How many dropped answers one invalidation warms up, per tag. A product's
 * own pages all (a handful: regions, languages, field sets). The lists only
 * the first 50 asked since the last change: a change to stock comes with
 * every order and drops every list, and each warmed answer costs the server
 * a full computation. After a change to everything (a price list starting,
 * a region or category edited, a product created, `npm run store-cache:flush`)
 * the first 500 asked since the last such change: the remembered keys are
 * whatever clients asked, and a client that invents thousands of URLs would
 * otherwise have the server compute them all again after every such change
 * (the drills' memory flood followed by a burst of new products showed it:
 * the workers' every-minute job starved).
 */
const WARM_UP_LIMIT = { product: 200, lists: 50, all: 500 }

/** How long invalidations gather before going to Redis as one message, and the wait before a failed one goes again. */
const SEND_AFTER_MS = 10
const RESEND_AFTER_MS = 1_000

/**
 * Lookups whose entities always belong to a product, so finding none means
 * the lookup could not tell (a variant deleted for good, a price whose row is
 * gone): everything is dropped then.
 */
const ALWAYS_A_PRODUCTS = new Set(["product-variant", "price"])

/**
 * The store cache's event side. In every process it intercepts Medusa's
 * events (the event bus's `addInterceptor`, which Medusa's own Caching
 * Module uses) as they are emitted, so the process that made a change (the
 * server for the admin's edits, the worker for its jobs) invalidates at once,
 * whether or not the worker runs: it bumps the tags' versions in the cache
 * Redis and publishes them (./shared-level.ts). In a server it also listens
 * for those messages to empty its own first level, and waits for price lists
 * to start and end (./price-list-schedule.ts).
 */
export default class StoreCacheService {
  readonly #eventBus: EventBusWithInterceptors
  readonly #logger: Logger
  readonly #container: Dependencies
  readonly #workerMode: "server" | "worker" | "shared"
  #shared: SharedLevel | undefined
  #subscriber: Redis | undefined
  #schedule: PriceListSchedule | undefined
  #warmUp: WarmUp | undefined
  /** Tags invalidated here and not yet sent to Redis: a burst of events (a product made with its prices, stock and options) goes as one message. */
  readonly #unsent = new Set<string>()
  #sending: NodeJS.Timeout | undefined
  #sendFailed = false
  #subscribedBefore = false
  #down = false

  protected __hooks = {
    onApplicationStart: async () => this.start(),
    onApplicationShutdown: async () => this.stop(),
  }

  constructor(container: Dependencies) {
    this.#container = container
    this.#eventBus = container.event_bus
    this.#logger = container.logger
    this.#workerMode = parseEnv(process.env).MEDUSA_WORKER_MODE ?? "shared"
  }

  async start(): Promise<void> {
    if (!storeCache.enabled) return
    if (typeof this.#eventBus.addInterceptor !== "function") {
      this.#logger.error(
        "[store-cache] Medusa's event bus has no addInterceptor (see docs/upgrading-medusa.md): no change can invalidate the store cache, so answers live 500 ms in each server and the cache Redis is not used"
      )
      disableSharedStoreCache()
      storeCache.confirmInvalidations(false)
      return
    }
    this.#shared = sharedStoreCache()
    this.#eventBus.addInterceptor((event) => void this.#onEvent(event))
    // The worker and `medusa exec` scripts answer no Store API request: they only send their invalidations.
    if (this.#workerMode === "worker" || !servesStoreApi()) return
    this.#schedule = new PriceListSchedule(
      () => this.#container.query.graph,
      (at, pass) => void this.#onPriceListBoundary(at, pass),
      (error) => this.#logger.warn(`[store-cache] could not read the price lists' times: ${message(error)}`)
    )
    void this.#schedule.refresh()
    if (this.#shared?.storesAnswers) {
      const port = parseEnv(process.env).PORT ?? "9000"
      this.#warmUp = new WarmUp(`http://127.0.0.1:${port}`, ({ after, asked, answered, failed, ms }) =>
        this.#logger.info(
          `[store-cache] warmed up ${answered} of ${asked} answers in ${ms} ms${failed ? ` (${failed} not 200)` : ""} after ${after.join(" ")}`
        )
      )
    }
    if (this.#shared) {
      this.#listen(this.#shared)
    } else if (this.#workerMode === "server") {
      // Without Redis, a separate worker's changes cannot reach this process.
      storeCache.confirmInvalidations(false)
    }
  }

  async stop(): Promise<void> {
    if (this.#sending) {
      clearTimeout(this.#sending)
      await this.#send()
    }
    this.#schedule?.stop()
    this.#subscriber?.disconnect()
    await this.#shared?.close()
  }

  async #onEvent(event: InterceptedEvent): Promise<void> {
    let decision: Decision
    try {
      decision = decide(event.name, event.data)
    } catch (error) {
      decision = { kind: "drop", tags: [ALL], reason: `${event.name} (unreadable: ${message(error)})` }
    }
    if (decision.kind === "ignore") return
    if (decision.kind === "lookup") {
      try {
        const products = await productsOf(this.#container.query.graph, decision.entity, decision.ids)
        decision =
          products.length || !ALWAYS_A_PRODUCTS.has(decision.entity)
            ? { kind: "drop", tags: productTags(products), reason: decision.reason }
            : { kind: "drop", tags: [ALL], reason: `${decision.reason} (its product was not found)` }
      } catch (error) {
        decision = { kind: "drop", tags: [ALL], reason: `${decision.reason} (lookup failed: ${message(error)})` }
      }
    }
    // A lookup that found no product (stock of an inventory item no variant uses): no cached answer shows it.
    const foundNothing = decision.tags.length === 1 && decision.tags[0] === LISTS
    if (!foundNothing) await this.invalidate(decision.tags, decision.reason)
  }

  /** Drops what `tags` name here at once and, through the cache Redis, everywhere. */
  async invalidate(tags: string[], reason: string): Promise<void> {
    const everything = tags.includes(ALL)
    storeCache.invalidate(everything ? undefined : tags)
    if (everything) {
      this.#logger.info(`[store-cache] everything invalidated: ${reason}`)
      void this.#schedule?.refresh()
    } else {
      this.#logger.debug(`[store-cache] invalidated ${tags.join(" ")}: ${reason}`)
    }
    if (!this.#shared) return
    for (const tag of tags) this.#unsent.add(tag)
    this.#sending ??= setTimeout(() => void this.#send(), SEND_AFTER_MS)
  }

  /**
   * Drops every answer here and, through Redis, on every server replica, and
   * resolves once Redis has taken it (`npm run store-cache:flush`, for a
   * change no event announces). Where the invalidation goes: "everywhere",
   * "nowhere else" (no Redis: each server's answers live in its own memory),
   * or "off" (the store cache is off). A Redis error rejects.
   */
  async flushEverywhere(reason: string): Promise<"everywhere" | "nowhere else" | "off"> {
    if (!storeCache.enabled) return "off"
    storeCache.invalidate(undefined)
    if (!this.#shared) return "nowhere else"
    // Commands fail rather than queue before the connection is ready, and a script runs right after start.
    const connection = this.#shared.connection
    if (connection.status !== "ready") await once(connection, "ready", { signal: AbortSignal.timeout(10_000) })
    await this.#shared.invalidate([ALL])
    this.#logger.info(`[store-cache] everything invalidated: ${reason}`)
    return "everywhere"
  }

  /** Sends what was invalidated here to every replica; what fails is sent again a second later until it goes. */
  async #send(): Promise<void> {
    this.#sending = undefined
    const tags = this.#unsent.has(ALL) ? [ALL] : [...this.#unsent]
    this.#unsent.clear()
    if (!tags.length || !this.#shared) return
    try {
      await this.#shared.invalidate(tags)
      if (this.#sendFailed) this.#logger.info("[store-cache] invalidations reach the store cache's Redis again")
      this.#sendFailed = false
    } catch (error) {
      if (!this.#sendFailed) {
        this.#logger.warn(
          `[store-cache] could not send an invalidation to the store cache's Redis (${message(error)}); sending it again every second`
        )
      }
      this.#sendFailed = true
      for (const tag of tags) this.#unsent.add(tag)
      this.#sending ??= setTimeout(() => void this.#send(), RESEND_AFTER_MS)
    }
  }

  async #onPriceListBoundary(at: number, pass: number): Promise<void> {
    const claimed = this.#shared ? await this.#shared.claim(`price-list:${at}:${pass}`, 60_000).catch(() => true) : true
    if (claimed) await this.invalidate([ALL], `a price list starts or ends at ${new Date(at).toISOString()}`)
  }

  /** One replica, the first to claim the invalidation, asks again for what it dropped. */
  async #warm(shared: SharedLevel, id: string, tags: string[]): Promise<void> {
    try {
      if (!this.#warmUp || !(await shared.claim(`warm:${id}`, 60_000))) return
      const keys: string[] = []
      for (const tag of tags) {
        const limit = tag === ALL ? WARM_UP_LIMIT.all : tag === LISTS ? WARM_UP_LIMIT.lists : WARM_UP_LIMIT.product
        keys.push(...(await shared.takeWarmKeys([tag], limit)))
      }
      if (keys.length) await this.#warmUp.add(keys, tags)
    } catch (error) {
      this.#logger.warn(`[store-cache] could not warm up after an invalidation: ${message(error)}`)
    }
  }

  /**
   * Once listening: the first time, answers are trusted at once; after an
   * outage, what changed meanwhile is unknown (its invalidations may not have
   * reached Redis), so everything is invalidated in Redis first, and until
   * that has gone through, nothing is read from or written to it.
   */
  async #trust(shared: SharedLevel): Promise<void> {
    const back = this.#subscribedBefore
    this.#subscribedBefore = true
    if (back) {
      try {
        await shared.invalidate([ALL])
      } catch (error) {
        this.#logger.warn(`[store-cache] could not invalidate after the outage (${message(error)}); trying again`)
        setTimeout(() => void this.#trust(shared), RESEND_AFTER_MS).unref()
        return
      }
      storeCache.invalidate(undefined)
      this.#logger.info(
        "[store-cache] the store cache's Redis answers again; everything invalidated, as changes meanwhile are unknown; answers kept until invalidated"
      )
    }
    this.#down = false
    shared.trusted = true
    storeCache.confirmInvalidations(true)
  }

  /**
   * Listens for invalidations. Only while subscribed does the first level
   * keep answers until invalidated; while the cache Redis is away it keeps
   * them 500 ms (ResponseCache.confirmInvalidations), and when it is back,
   * what changed meanwhile is unknown, so everything is invalidated.
   */
  #listen(shared: SharedLevel): void {
    storeCache.confirmInvalidations(false)
    const subscriber = shared.subscriber()
    this.#subscriber = subscriber
    subscriber.on("message", (_channel: string, text: string) => {
      const message = readInvalidationMessage(text)
      if (!message) return
      const everything = message.tags.includes(ALL)
      storeCache.invalidate(everything ? undefined : message.tags)
      if (everything) void this.#schedule?.refresh()
      void this.#warm(shared, message.id, message.tags)
    })
    subscriber.on("ready", () => {
      subscriber
        .subscribe(shared.channel)
        .then(() => this.#trust(shared))
        .catch((error) => this.#logger.warn(`[store-cache] could not listen for invalidations: ${message(error)}`))
    })
    const away = (why: string) => {
      shared.trusted = false
      if (this.#down) return
      this.#down = true
      storeCache.confirmInvalidations(false)
      this.#logger.warn(
        `[store-cache] the store cache's Redis is away (${why}): answers live 500 ms in this server until it is back`
      )
    }
    subscriber.on("error", (error: Error) => away(message(error)))
    subscriber.on("close", () => away("connection closed"))
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
