import type { TLSSocket } from "node:tls"
import Redis from "ioredis"
import { Client } from "pg"
import { maskSecretsInText } from "../config/mask"
import type { DatabaseSettings } from "../config/database"
import type { RedisSettings } from "../config/redis"
import { fail, pass, warn, type CheckResult } from "./report"

const TIMEOUT_MS = 5_000

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return maskSecretsInText(message.split("\n")[0])
}

function databaseFix(message: string): string {
  if (/password authentication failed|SASL|scram/i.test(message)) {
    return "check the password in the URL (Supabase: Project Settings -> Database -> reset database password)"
  }
  if (/self[- ]signed|unable to verify|certificate/i.test(message)) {
    return "set DATABASE_CA_CERT to the CA that signed the server's certificate (Supabase: prod-ca-2021.crt)"
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|timeout|ETIMEDOUT/i.test(message)) {
    return "check host and port; from Railway use Supabase's pooler host (IPv4), not db.<ref>.supabase.co (IPv6)"
  }
  if (/SSL|TLS/i.test(message)) {
    return "the server and DATABASE_SSL disagree about TLS; Supabase's poolers speak TLS: use verify-full with DATABASE_CA_CERT"
  }
  return "see the message; compare the URL with Supabase's connection settings"
}

/** Connects the way the app does (same URL, same TLS options) and runs one query. */
export async function checkDatabase(label: string, database: DatabaseSettings): Promise<CheckResult> {
  const client = new Client({
    connectionString: database.url,
    ssl: database.driverOptions.connection.ssl,
    connectionTimeoutMillis: TIMEOUT_MS,
    query_timeout: TIMEOUT_MS,
  })
  const where = `${database.host}:${database.port}`
  try {
    await client.connect()
    await client.query("select 1")
    const stream = (client as unknown as { connection: { stream: TLSSocket } }).connection.stream
    const tls = stream.encrypted
      ? `TLS ${stream.getProtocol()}, certificate ${isVerified(database) ? "verified" : "NOT verified"}`
      : "no TLS"
    return pass(label, `connected to ${where}; ${tls}`)
  } catch (error) {
    const message = reason(error)
    return fail(label, `cannot connect to ${where}: ${message}`, databaseFix(message))
  } finally {
    await client.end().catch(() => undefined)
  }
}

function isVerified(database: DatabaseSettings): boolean {
  const ssl = database.driverOptions.connection.ssl
  return ssl !== false && ssl.rejectUnauthorized !== false
}

/** What a Redis holds, which decides the eviction policy it should have. */
export type RedisRole =
  /** REDIS_URL with a separate CACHE_REDIS_URL: BullMQ jobs, locks, workflow state, sessions, login state. */
  | "queues"
  /** REDIS_URL without CACHE_REDIS_URL: all of the above and the Caching Module's keys. */
  | "queues-and-cache"
  /** A separate CACHE_REDIS_URL: the store cache's answers and the Caching Module's keys, each with a TTL. */
  | "cache"

export interface RedisTarget {
  variable: "REDIS_URL" | "CACHE_REDIS_URL"
  role: RedisRole
  settings: RedisSettings
}

export interface Eviction {
  policy: string
  /** Bytes; 0 means no limit (Redis grows until the machine runs out). */
  maxmemory: number
}

const NOEVICTION_FIX =
  "set maxmemory-policy noeviction on this Redis (redis-cli CONFIG SET maxmemory-policy noeviction, or the provider's setting; Railway's Redis template starts with it)"

function limit(maxmemory: number): string {
  return maxmemory > 0 ? `maxmemory ${Math.round(maxmemory / 1024 / 1024)} MB` : "no maxmemory"
}

/**
 * What the eviction policy means for what this Redis holds (pure). BullMQ
 * needs noeviction: an evicted job key loses the job. The store cache's and
 * the Caching Module's keys all carry a TTL and may go at any time (an
 * evicted store-cache key only makes answers miss), so a cache wants eviction.
 */
export function judgeEviction(target: Pick<RedisTarget, "variable" | "role">, found: Eviction): CheckResult {
  const check = `Redis eviction (${target.variable})`
  const { policy, maxmemory } = found
  const where = `${policy}, ${limit(maxmemory)}`
  if (target.role === "cache") {
    if (policy === "noeviction" && maxmemory > 0) {
      return warn(
        check,
        `${where}: once the cache is full every cache write fails with an OOM error (logged; requests still answer, uncached)`,
        "set maxmemory-policy allkeys-lru on the cache Redis"
      )
    }
    if (policy === "noeviction") {
      return pass(
        check,
        `${where}: nothing is evicted; the store cache's answers and the Caching Module's keys expire on their TTL`
      )
    }
    return pass(
      check,
      `${where}: the cache evicts entries when full (every cache key has a TTL, so volatile-* works too)`
    )
  }
  if (target.role === "queues") {
    if (policy === "noeviction") {
      return pass(check, `${where}: BullMQ jobs, locks and login state are never evicted`)
    }
    return warn(
      check,
      `${where}: Redis may evict BullMQ jobs (lost events), locks or login state when memory is full`,
      NOEVICTION_FIX
    )
  }
  if (policy === "noeviction") {
    return pass(
      check,
      `${where}: BullMQ jobs are safe; the Caching Module's keys share this Redis and leave only when their TTL ends, so memory grows with the cache (a CACHE_REDIS_URL with allkeys-lru takes the cache off it)`
    )
  }
  return warn(
    check,
    `${where}: this Redis is also the cache; evicting frees cache entries but may also drop BullMQ jobs (lost events), locks or login state`,
    `${NOEVICTION_FIX}, and give the cache its own Redis with allkeys-lru (CACHE_REDIS_URL)`
  )
}

/**
 * maxmemory-policy and maxmemory from CONFIG GET, or from INFO memory where a
 * managed Redis disables CONFIG; undefined (with the reason) when neither works.
 */
async function readEviction(client: Redis): Promise<{ found?: Eviction; reason?: string }> {
  try {
    const [, policy] = (await client.config("GET", "maxmemory-policy")) as string[]
    const [, maxmemory] = (await client.config("GET", "maxmemory")) as string[]
    if (policy !== undefined) {
      return { found: { policy, maxmemory: Number(maxmemory ?? 0) } }
    }
  } catch {
    // A managed Redis may refuse CONFIG; INFO often still works.
  }
  try {
    const info = await client.info("memory")
    const field = (name: string) => info.match(new RegExp(`^${name}:(.*)$`, "m"))?.[1]?.trim()
    const policy = field("maxmemory_policy")
    if (policy) {
      return { found: { policy, maxmemory: Number(field("maxmemory") ?? 0) } }
    }
    return { reason: "INFO memory has no maxmemory_policy" }
  } catch (error) {
    return { reason: reason(error) }
  }
}

/** Connects the way the app does, PINGs, and judges the eviction policy for what this Redis holds. */
export async function checkRedis(target: RedisTarget): Promise<CheckResult[]> {
  const { settings: redis, variable } = target
  const client = new Redis(redis.url, {
    ...redis.options,
    lazyConnect: true,
    connectTimeout: TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  })
  // ioredis reports the cause (ECONNREFUSED, ENOTFOUND, auth) as an event and
  // rejects the command only with "Connection is closed"; keep the cause.
  let cause: unknown
  client.on("error", (error) => {
    cause ??= error
  })
  const check = `Redis (${variable})`
  const where = `${redis.host}:${redis.port}`
  try {
    await client.connect()
    const started = Date.now()
    await client.ping()
    const reachable = pass(
      check,
      `PING answered by ${where} in ${Date.now() - started} ms${redis.tls ? " over TLS" : ""}`
    )
    const eviction = await readEviction(client)
    if (!eviction.found) {
      return [
        reachable,
        warn(
          `Redis eviction (${variable})`,
          `maxmemory-policy could not be read (CONFIG GET and INFO refused: ${eviction.reason})`,
          target.role === "cache"
            ? "check in the provider's settings that the cache Redis evicts (allkeys-lru)"
            : "check in the provider's settings that this Redis uses noeviction (BullMQ needs it)"
        ),
      ]
    }
    return [reachable, judgeEviction(target, eviction.found)]
  } catch (error) {
    const message = reason(cause ?? error)
    return [
      fail(
        check,
        `cannot reach ${where}: ${message}`,
        /ENOTFOUND.*railway\.internal/.test(message)
          ? "the private network is reachable only from Railway services (and needs family=0); run the doctor there"
          : variable === "REDIS_URL"
            ? "check REDIS_URL (Railway: ${{Redis.REDIS_URL}}) and that the Redis service runs"
            : "check CACHE_REDIS_URL and that the cache's Redis service runs"
      ),
    ]
  } finally {
    client.disconnect()
  }
}
