import type { TLSSocket } from "node:tls"
import Redis from "ioredis"
import { Client } from "pg"
import { maskSecretsInText } from "../config/mask"
import type { DatabaseSettings } from "../config/database"
import type { RedisSettings } from "../config/redis"
import { fail, pass, type CheckResult } from "./report"

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

export async function checkRedis(redis: RedisSettings): Promise<CheckResult> {
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
  const where = `${redis.host}:${redis.port}`
  try {
    await client.connect()
    const started = Date.now()
    await client.ping()
    return pass("Redis", `PING answered by ${where} in ${Date.now() - started} ms${redis.tls ? " over TLS" : ""}`)
  } catch (error) {
    const message = reason(cause ?? error)
    return fail(
      "Redis",
      `cannot reach ${where}: ${message}`,
      /ENOTFOUND.*railway\.internal/.test(message)
        ? "the private network is reachable only from Railway services (and needs family=0); run the doctor there"
        : "check REDIS_URL (Railway: ${{Redis.REDIS_URL}}) and that the Redis service runs"
    )
  } finally {
    client.disconnect()
  }
}
