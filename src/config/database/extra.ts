import { z } from "@medusajs/framework/zod"
import { ConfigError, describeIssue } from "../errors"
import type { PoolOptions } from "./pool"
import type { SslMode } from "./tls"

export interface DatabaseExtra {
  ssl?: SslMode
  ca?: string
  connection: Record<string, unknown>
  pool?: PoolOptions
}

const sslValueSchema = z.union([
  z.boolean(),
  z.strictObject({ rejectUnauthorized: z.boolean().optional(), ca: z.string().optional() }),
])

const poolSchema = z.strictObject({
  min: z.number().int().nonnegative().optional(),
  max: z.number().int().positive().optional(),
  idleTimeoutMillis: z.number().int().nonnegative().optional(),
  reapIntervalMillis: z.number().int().positive().optional(),
  // Medusa's main connection keeps only these keys (framework pg-connection-loader);
  // anything else would be silently dropped, so it is rejected here.
  createRetryIntervalMillis: z.number().int().positive().optional(),
})

const databaseExtraSchema = z.strictObject({
  /** Medusa 1 shape. */
  ssl: sslValueSchema.optional(),
  /** Medusa 2 shape: passed to node-postgres, so other pg options may ride along. */
  connection: z.looseObject({ ssl: sslValueSchema.optional() }).optional(),
  pool: poolSchema.optional(),
})

/**
 * DATABASE_EXTRA holds extra driver options as JSON. Medusa 1 read
 * `{"ssl": {...}}`; Medusa 2 reads `{"connection": {"ssl": {...}}, "pool": {...}}`.
 * Both shapes are accepted and normalised; anything else is an error rather
 * than a silently ignored key.
 */
export function parseDatabaseExtra(raw: string | undefined): DatabaseExtra | undefined {
  if (raw === undefined || raw.trim() === "") {
    return undefined
  }
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch (e) {
    throw new ConfigError(
      "DATABASE_EXTRA",
      `is not valid JSON (${(e as Error).message}); e.g. {"connection":{"ssl":{"rejectUnauthorized":true}}}`
    )
  }
  const result = databaseExtraSchema.safeParse(json)
  if (!result.success) {
    throw new ConfigError(
      "DATABASE_EXTRA",
      `${describeIssue(result.error)}; expected {"connection":{"ssl":{...}},"pool":{"min":0,"max":10}}`
    )
  }
  const { ssl: topLevelSsl, connection = {}, pool } = result.data
  const { ssl: connectionSsl, ...otherConnection } = connection
  if (topLevelSsl !== undefined && connectionSsl !== undefined) {
    throw new ConfigError(
      "DATABASE_EXTRA",
      `sets ssl twice (top-level Medusa 1 "ssl" and "connection.ssl"); keep only connection.ssl`
    )
  }
  const sslValue = topLevelSsl ?? connectionSsl
  const extra: DatabaseExtra = { connection: otherConnection }
  if (sslValue !== undefined) {
    Object.assign(extra, sslFromExtra(sslValue))
  }
  if (pool !== undefined) {
    extra.pool = pool
  }
  return extra
}

function sslFromExtra(value: z.infer<typeof sslValueSchema>): { ssl: SslMode; ca?: string } {
  if (value === false) {
    return { ssl: "disable" }
  }
  if (value === true) {
    return { ssl: "verify-full" }
  }
  // An explicit rejectUnauthorized:false is the operator asking for
  // "encrypt but do not verify"; everything else verifies.
  const mode: SslMode = value.rejectUnauthorized === false ? "require" : "verify-full"
  return value.ca ? { ssl: mode, ca: value.ca } : { ssl: mode }
}
