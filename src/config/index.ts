import type { InputConfigWithArrayModules as InputConfig } from "@medusajs/framework/types"
import { CACHING_TTL_SECONDS, cacheModules } from "./caches"
import type { DatabaseSettings, ReadTextFile } from "./database"
import type { RawEnv } from "./env"
import { ConfigError, type ConfigWarning } from "./errors"
import { maskSecretsInText, maskUrl } from "./mask"
import type { ModeSettings } from "./mode"
import { redisModules, type RedisSettings } from "./redis"
import { authThrottleSettings, authThrottleSummary } from "./auth-throttle"
import { cosmeticsModule } from "./cosmetics"
import { languageSettings } from "./languages"
import { storeCacheModule, storeCacheSettings, storeCacheSummary } from "./store-cache"
import { validateConfig, type Validation, type ValidSettings } from "./validate"

export {
  ConfigError,
  maskSecretsInText,
  maskUrl,
  validateConfig,
  type ConfigWarning,
  type Validation,
  type ValidSettings,
}

/** The validated pieces (./validate.ts) and the Medusa config made of them. */
export interface BuiltConfig extends Pick<
  ValidSettings,
  "mode" | "database" | "redis" | "cacheRedis" | "notification" | "payments" | "files"
> {
  /** What medusa-config.ts hands to defineConfig. */
  config: InputConfig
  /** One line each for the operator, secrets masked. */
  summary: string[]
  warnings: ConfigWarning[]
}

export interface BuildOptions {
  readTextFile?: ReadTextFile
}

/**
 * The whole environment-to-configuration step: validate (./validate.ts; the
 * first problem is thrown), then assemble the Medusa config from small pure
 * pieces. It never connects to anything, because `medusa build` loads the same
 * config where no database or Redis is reachable.
 */
export function buildConfig(rawEnv: RawEnv, options: BuildOptions = {}): BuiltConfig {
  const { errors, valid } = validateConfig(rawEnv, options.readTextFile)
  if (!valid) {
    throw errors[0]
  }
  const { env, mode, database, redis, cacheRedis, notification, payments, files, cors } = valid
  const languages = languageSettings()
  const config: InputConfig = {
    projectConfig: {
      databaseUrl: database?.url,
      databaseDriverOptions: database?.driverOptions,
      redisUrl: redis?.url,
      redisOptions: redis?.options,
      workerMode: mode.workerMode,
      http: {
        ...cors.http,
        jwtSecret: valid.jwtSecret,
        cookieSecret: valid.cookieSecret,
      },
    },
    admin: {
      disable: mode.adminDisabled,
      backendUrl: env.MEDUSA_BACKEND_URL,
    },
    modules: [
      ...(redis ? [...redisModules(redis), ...cacheModules(redis, cacheRedis)] : []),
      notification.module,
      ...(payments.module ? [payments.module] : []),
      ...(files.module ? [files.module] : []),
      storeCacheModule(),
      languages.module,
      cosmeticsModule(),
    ],
    featureFlags: languages.featureFlags,
  }
  // The Caching Module is configured (./caches.ts) but its feature flag is
  // left off: it serves a scheduled price list's prices up to its TTL after
  // the list starts or ends, and the store cache (./store-cache.ts) takes its
  // place for the catalogue. MEDUSA_FF_CACHING=true turns it on.

  return {
    config,
    mode,
    database,
    redis,
    cacheRedis,
    notification,
    payments,
    files,
    summary: [
      ...summaryLines(mode, database, redis, cacheRedis),
      ...(mode.workerMode === "worker"
        ? []
        : [
            storeCacheSummary(storeCacheSettings(env), redis && (cacheRedis ? "CACHE_REDIS_URL" : "REDIS_URL")),
            ...authThrottleSummary(authThrottleSettings(env), Boolean(redis)),
          ]),
      languages.summary,
      notification.summary,
      payments.summary,
      files.summary,
    ],
    warnings: [
      ...(database?.warnings ?? []),
      ...(redis?.warnings ?? []),
      ...(cacheRedis?.warnings ?? []),
      ...cors.warnings,
      ...notification.warnings,
      ...payments.warnings,
      ...files.warnings,
    ],
  }
}

/** Every configuration problem at once, for npm run doctor; buildConfig throws the first. */
export function configProblems(rawEnv: RawEnv, options: BuildOptions = {}): ConfigError[] {
  return validateConfig(rawEnv, options.readTextFile).errors
}

function summaryLines(
  mode: ModeSettings,
  database?: DatabaseSettings,
  redis?: RedisSettings,
  cacheRedis?: RedisSettings
): string[] {
  const lines = [`mode: ${mode.workerMode}; admin ${mode.adminDisabled ? `off (${mode.adminDisabledBecause})` : "on"}`]
  if (database) {
    const tls = database.sslMode === "disable" ? "off" : `${database.sslMode}${database.caProvided ? " with CA" : ""}`
    lines.push(
      `database: ${database.host}:${database.port}/${database.database}; ${database.pooler}${database.pooler === "direct" ? " connection" : " pooler"}; TLS ${tls} (${database.sslSource})`
    )
  } else {
    lines.push("database: DATABASE_URL not set")
  }
  const family = (r: RedisSettings) => (r.railwayPrivate ? " (family=0 for Railway's private network)" : "")
  const cachingModule = `Caching Module (TTL ${CACHING_TTL_SECONDS} s, only with MEDUSA_FF_CACHING=true)`
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
