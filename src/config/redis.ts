import type { RedisOptions } from "ioredis"
import { ConfigError, configWarning, type ConfigWarning } from "./errors"
import { maskUrl } from "./mask"
import type { ModuleDeclaration } from "./modules"

const RAILWAY_PRIVATE_SUFFIX = ".railway.internal"

export interface RedisSettings {
  url: string
  host: string
  port: number
  tls: boolean
  railwayPrivate: boolean
  /** Passed to every ioredis client Medusa creates from this URL. */
  options: RedisOptions
  warnings: ConfigWarning[]
}

/**
 * Validates a Redis URL. `variable` names the variable in error and warning
 * lines, because the same rules apply to REDIS_URL and CACHE_REDIS_URL.
 */
export function parseRedisUrl(raw: string, variable = "REDIS_URL"): RedisSettings {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw new ConfigError(variable, `${echoUnparsed(raw)} is not a URL; expected redis://default:PASSWORD@HOST:6379`)
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    throw new ConfigError(variable, `scheme "${url.protocol}" is not Redis; expected redis://... or rediss://... (TLS)`)
  }
  if (!url.hostname) {
    throw new ConfigError(variable, `"${maskUrl(raw)}" has no host; expected redis://default:PASSWORD@HOST:6379`)
  }
  const host = url.hostname
  const railwayPrivate = host.toLowerCase().endsWith(RAILWAY_PRIVATE_SUFFIX)
  const warnings: ConfigWarning[] = []
  const options: RedisOptions = {}
  if (railwayPrivate) {
    // Railway's private network is IPv6-only in older environments; an ioredis
    // pinned to IPv4 then fails with ENOTFOUND. family 0 lets DNS decide.
    const family = url.searchParams.get("family")
    if (family !== null && family !== "0") {
      warnings.push(
        configWarning(
          `${variable}: ?family=${family} replaced by family=0 for Railway's private network (IPv6)`,
          "use the URL Railway gives (${{Redis.REDIS_URL}}) without ?family=4"
        )
      )
    }
    options.family = 0
  }
  return {
    url: url.toString(),
    host,
    port: url.port ? Number(url.port) : 6379,
    tls: url.protocol === "rediss:",
    railwayPrivate,
    options,
    warnings,
  }
}

/**
 * An unparsable value, quoted, unless it may hold a password: maskUrl masks
 * only `scheme://user:password@`, and a typo such as `redis//default:pw@host`
 * has no scheme.
 */
function echoUnparsed(raw: string): string {
  return raw.includes("@") ? "the value (not shown: it may hold the password)" : `"${raw.trim()}"`
}

/**
 * Subscriber jobs on the Redis event bus. Medusa's default is one attempt and
 * `removeOnComplete: true`, so a subscriber that hits a passing error (an email
 * API timing out) is never retried. Here: 5 attempts with exponential backoff
 * (2 s, 4 s, 8 s, 16 s; Medusa re-runs only the subscribers that failed), and
 * bounded retention so Redis cannot fill up with finished jobs
 * (medusajs/medusa#14078): completed jobs for an hour (at most 1000), failed
 * ones for a week (at most 10000) so an operator can still inspect them.
 */
export const EVENT_BUS_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: "exponential", delay: 2_000 },
  removeOnComplete: { age: 3_600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3_600, count: 10_000 },
} as const

/**
 * The Redis-backed event bus, workflow engine and locking that replace
 * Medusa's in-memory defaults. The two caches are in ./caches.ts.
 */
export function redisModules(redis: RedisSettings): ModuleDeclaration[] {
  const connection = { redisUrl: redis.url, redisOptions: redis.options }
  return [
    {
      resolve: "@medusajs/medusa/event-bus-redis",
      options: { ...connection, jobOptions: EVENT_BUS_JOB_OPTIONS },
    },
    {
      resolve: "@medusajs/medusa/workflow-engine-redis",
      options: { redis: connection },
    },
    {
      resolve: "@medusajs/medusa/locking",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/locking-redis",
            id: "locking-redis",
            is_default: true,
            options: connection,
          },
        ],
      },
    },
  ]
}
