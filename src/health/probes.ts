import { readFileSync } from "node:fs"
import { join } from "node:path"
import type { ConfigModule, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import Redis from "ioredis"
import { DEFAULT_CHECK_TIMEOUT_MS, readinessReport, type Probe, type ReadinessReport } from "./readiness"
import { reusedAnswer } from "./reused-answer"

/** The database probe: one round trip on Medusa's own pool. */
export function databaseProbe(container: MedusaContainer): Probe {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  return () => knex.raw("select 1")
}

let redisPing: Probe | undefined

/**
 * The Redis probe: PING on one client per process, made from the same URL and
 * options as Medusa's Redis modules. It neither queues commands while offline
 * nor retries, so a dead Redis fails the check instead of hanging it.
 */
export function redisProbe(config: ConfigModule): Probe | undefined {
  const { redisUrl, redisOptions } = config.projectConfig
  if (!redisUrl) {
    return undefined
  }
  redisPing ??= pingProbe(
    new Redis(redisUrl, {
      ...redisOptions,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
      connectionName: "beauty-shop-readiness",
    })
  )
  return redisPing
}

/**
 * PING on a lazily connecting client. Requests that arrive while it connects
 * share the one connect() (a second connect() on a connecting client rejects
 * with "Redis is already connecting/connected"). The client reconnects by
 * itself after an outage; its connection errors are what the failing PING
 * reports, so the listener only keeps ioredis from printing each one as an
 * "Unhandled error event" for as long as Redis is down.
 */
export function pingProbe(client: Redis): Probe {
  client.on("error", () => undefined)
  let connecting: Promise<void> | undefined
  return async () => {
    if (client.status === "wait" || client.status === "end") {
      connecting ??= client.connect().finally(() => {
        connecting = undefined
      })
    }
    if (connecting) {
      await connecting
    }
    return client.ping()
  }
}

let version: string | undefined

/** The app's version from package.json (copied into .medusa/server by the build). */
export function appVersion(): string {
  if (version === undefined) {
    try {
      version = JSON.parse(readFileSync(join(process.cwd(), "package.json"), "utf8")).version ?? "unknown"
    } catch {
      version = "unknown"
    }
  }
  return version!
}

/** How long one readiness answer serves further requests (see ./reused-answer.ts). */
export const READINESS_FRESH_MS = 1_000

let sharedReport: (() => Promise<ReadinessReport>) | undefined

/**
 * This process's readiness report with the real probes: the one answer both
 * the server's API route and the worker's hook (./worker-readiness.ts) give,
 * checked at most once per READINESS_FRESH_MS however many ask.
 */
export function processReadiness(container: MedusaContainer): Promise<ReadinessReport> {
  sharedReport ??= reusedAnswer(() => {
    const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
    return readinessReport({
      mode: config.projectConfig.workerMode ?? "shared",
      version: appVersion(),
      uptimeSeconds: process.uptime(),
      database: databaseProbe(container),
      redis: redisProbe(config),
      timeoutMs: DEFAULT_CHECK_TIMEOUT_MS,
    })
  }, READINESS_FRESH_MS)
  return sharedReport()
}
