import { readFileSync } from "node:fs"
import type { InputConfigWithArrayModules as InputConfig } from "@medusajs/framework/types"
import { corsSettings, resolveCors } from "./cors"
import { databaseSettings, type DatabaseSettings, type ReadTextFile } from "./database"
import { isProduction, parseEnv, parseEnvCollectingErrors, type Env, type RawEnv } from "./env"
import { ConfigError, type ConfigWarning } from "./errors"
import { maskUrl } from "./mask"
import { modeSettings, type ModeSettings } from "./mode"
import { notificationSettings, type NotificationSettings } from "./notification"
import { CACHING_TTL_SECONDS, cacheModules, separateCacheRedis } from "./caches"
import { parseRedisUrl, redisModules, type RedisSettings } from "./redis"
import { resolveSecret } from "./secrets"

export { ConfigError, type ConfigWarning } from "./errors"
export { maskUrl, maskSecretsInText } from "./mask"

export interface BuiltConfig {
  /** What medusa-config.ts hands to defineConfig. */
  config: InputConfig
  mode: ModeSettings
  database?: DatabaseSettings
  redis?: RedisSettings
  /** CACHE_REDIS_URL when it names another Redis than REDIS_URL. */
  cacheRedis?: RedisSettings
  notification: NotificationSettings
  /** One line each for the operator, secrets masked. */
  summary: string[]
  warnings: ConfigWarning[]
}

export interface BuildOptions {
  readTextFile?: ReadTextFile
}

const readUtf8: ReadTextFile = (path) => readFileSync(path, "utf8")

/**
 * The whole environment-to-configuration step: validate, then assemble the
 * Medusa config from small pure pieces. It never connects to anything, because
 * `medusa build` loads the same config where no database or Redis is reachable.
 */
export function buildConfig(rawEnv: RawEnv, options: BuildOptions = {}): BuiltConfig {
  const env = parseEnv(rawEnv)
  const production = isProduction(env)
  const mode = modeSettings(env.MEDUSA_WORKER_MODE, env.DISABLE_MEDUSA_ADMIN)
  const database = databaseSettings(env, options.readTextFile ?? readUtf8)
  const redis = env.REDIS_URL ? parseRedisUrl(env.REDIS_URL) : undefined
  const cacheRedis = separateCacheRedis(env)

  requireRedisInProduction(env, production)
  requireDatabaseInProduction(env, production)

  const notification = notificationSettings(env, { production, sendsEmail: mode.runsSubscribers })
  const cors = corsSettings(env, production)
  const config: InputConfig = {
    projectConfig: {
      databaseUrl: database?.url,
      databaseDriverOptions: database?.driverOptions,
      redisUrl: redis?.url,
      redisOptions: redis?.options,
      workerMode: mode.workerMode,
      http: {
        ...cors.http,
        jwtSecret: resolveSecret("JWT_SECRET", env.JWT_SECRET, production),
        cookieSecret: resolveSecret("COOKIE_SECRET", env.COOKIE_SECRET, production),
      },
    },
    admin: {
      disable: mode.adminDisabled,
      backendUrl: env.MEDUSA_BACKEND_URL,
    },
    modules: [...(redis ? [...redisModules(redis), ...cacheModules(redis, cacheRedis)] : []), notification.module],
  }
  if (redis) {
    // The Caching Module (successor of the deprecated cache-redis) does
    // nothing unless this flag is on. MEDUSA_FF_CACHING=false still wins.
    config.featureFlags = { caching: true }
  }

  return {
    config,
    mode,
    database,
    redis,
    cacheRedis,
    notification,
    summary: [...summaryLines(mode, database, redis, cacheRedis), notification.summary],
    warnings: [
      ...(database?.warnings ?? []),
      ...(redis?.warnings ?? []),
      ...(cacheRedis?.warnings ?? []),
      ...cors.warnings,
      ...notification.warnings,
    ],
  }
}

function requireRedisInProduction(env: Env, production: boolean): void {
  if (production && !env.REDIS_URL) {
    throw new ConfigError(
      "REDIS_URL",
      "is required in production (without it Medusa silently uses an in-memory event bus, locking and workflow engine); on Railway set REDIS_URL=${{Redis.REDIS_URL}}"
    )
  }
}

function requireDatabaseInProduction(env: Env, production: boolean): void {
  if (production && !env.DATABASE_URL) {
    throw new ConfigError(
      "DATABASE_URL",
      "is required in production; Supabase: the transaction pooler URL, postgres://postgres.REF:PASSWORD@REGION.pooler.supabase.com:6543/postgres"
    )
  }
}

/**
 * Every configuration problem at once, from the same validators buildConfig
 * uses (buildConfig stops at the first): for npm run doctor.
 */
export function configProblems(rawEnv: RawEnv, options: BuildOptions = {}): ConfigError[] {
  const { env = {}, errors } = parseEnvCollectingErrors(rawEnv)
  const production = isProduction(env)
  const attempt = (fn: () => unknown) => {
    try {
      fn()
    } catch (error) {
      if (!(error instanceof ConfigError)) {
        throw error
      }
      errors.push(error)
    }
  }
  attempt(() => databaseSettings(env, options.readTextFile ?? readUtf8))
  attempt(() => env.REDIS_URL && parseRedisUrl(env.REDIS_URL))
  attempt(() => separateCacheRedis(env))
  // The doctor judges one service's variables: MEDUSA_WORKER_MODE says whether
  // that process sends email (worker, or shared when unset).
  const sendsEmail = modeSettings(env.MEDUSA_WORKER_MODE, env.DISABLE_MEDUSA_ADMIN).runsSubscribers
  attempt(() => notificationSettings(env, { production, sendsEmail }))
  attempt(() => requireRedisInProduction(env, production))
  attempt(() => requireDatabaseInProduction(env, production))
  attempt(() => resolveSecret("JWT_SECRET", env.JWT_SECRET, production))
  attempt(() => resolveSecret("COOKIE_SECRET", env.COOKIE_SECRET, production))
  for (const name of ["STORE_CORS", "ADMIN_CORS", "AUTH_CORS"] as const) {
    attempt(() => resolveCors(name, env[name], production))
  }
  return errors
}

function summaryLines(
  mode: ModeSettings,
  database?: DatabaseSettings,
  redis?: RedisSettings,
  cacheRedis?: RedisSettings
): string[] {
  const lines = [
    `mode: ${mode.workerMode}; admin ${mode.adminDisabled ? `off (${mode.adminDisabledBecause})` : "on"}`,
  ]
  if (database) {
    const tls =
      database.sslMode === "disable"
        ? "off"
        : `${database.sslMode}${database.caProvided ? " with CA" : ""}`
    lines.push(
      `database: ${database.host}:${database.port}/${database.database}; ${database.pooler}${database.pooler === "direct" ? " connection" : " pooler"}; TLS ${tls} (${database.sslSource})`
    )
  } else {
    lines.push("database: DATABASE_URL not set")
  }
  const family = (r: RedisSettings) => (r.railwayPrivate ? " (family=0 for Railway's private network)" : "")
  const cachingModule = `Caching Module (TTL ${CACHING_TTL_SECONDS} s)`
  if (redis) {
    const held = ["event bus", "workflow engine", "locking", "sessions", "login cache (MFA/OAuth)"]
    if (!cacheRedis) {
      held.push(cachingModule)
    }
    const list = `${held.slice(0, -1).join(", ")} and ${held[held.length - 1]}`
    lines.push(`redis: ${maskUrl(redis.url)}; ${list} on Redis${family(redis)}`)
    if (cacheRedis) {
      lines.push(`cache redis: ${maskUrl(cacheRedis.url)}; ${cachingModule} on CACHE_REDIS_URL${family(cacheRedis)}`)
    }
  } else {
    lines.push(
      "redis: REDIS_URL not set; in-memory event bus, locking, workflow engine and sessions (development only)"
    )
  }
  return lines
}
