import { readFileSync } from "node:fs"
import { authThrottleSettings } from "./auth-throttle"
import { corsWithWarnings, resolveCors, type CorsSettings } from "./cors"
import { separateCacheRedis } from "./caches"
import { databaseSettings, type DatabaseSettings, type ReadTextFile } from "./database"
import { isProduction, parseEnvCollectingErrors, type Env, type RawEnv } from "./env"
import { ConfigError } from "./errors"
import { fileSettings, type FileSettings } from "./files"
import { modeSettings, type ModeSettings } from "./mode"
import { notificationSettings, type NotificationSettings } from "./notification"
import { paymentSettings, type PaymentSettings } from "./payments"
import { parseRedisUrl, type RedisSettings } from "./redis"
import { resolveSecret } from "./secrets"
import { refuseRetiredStoreCacheVariable } from "./store-cache"

/** Every validated piece of the configuration. */
export interface ValidSettings {
  env: Env
  production: boolean
  mode: ModeSettings
  database?: DatabaseSettings
  redis?: RedisSettings
  /** CACHE_REDIS_URL when it names another Redis than REDIS_URL. */
  cacheRedis?: RedisSettings
  notification: NotificationSettings
  payments: PaymentSettings
  files: FileSettings
  jwtSecret: string
  cookieSecret: string
  cors: CorsSettings
}

/**
 * The outcome of every rule: `errors` in the order the rules run, `settings`
 * holding each piece whose rule passed, and `valid` when no rule failed.
 */
export interface Validation {
  errors: ConfigError[]
  settings: Partial<ValidSettings> & Pick<ValidSettings, "env" | "production" | "mode">
  valid?: ValidSettings
}

const readUtf8: ReadTextFile = (path) => readFileSync(path, "utf8")

/**
 * The one list of configuration rules. buildConfig throws the first error,
 * npm run doctor reports them all (configProblems), so a rule added here
 * applies to both.
 */
export function validateConfig(rawEnv: RawEnv, readTextFile: ReadTextFile = readUtf8): Validation {
  const { env = {}, errors } = parseEnvCollectingErrors(rawEnv)
  const production = isProduction(env)
  // MEDUSA_WORKER_MODE says whether this process sends email (worker, or shared when unset).
  const mode = modeSettings(env.MEDUSA_WORKER_MODE, env.DISABLE_MEDUSA_ADMIN)
  const check = <T>(rule: () => T): T | undefined => {
    try {
      return rule()
    } catch (error) {
      if (!(error instanceof ConfigError)) {
        throw error
      }
      errors.push(error)
      return undefined
    }
  }

  const database = check(() => databaseSettings(env, readTextFile))
  const redis = check(() => (env.REDIS_URL ? parseRedisUrl(env.REDIS_URL) : undefined))
  const cacheRedis = check(() => separateCacheRedis(env, redis))
  check(() => requireRedisInProduction(env, production))
  check(() => requireDatabaseInProduction(env, production))
  const jwtSecret = check(() => resolveSecret("JWT_SECRET", env.JWT_SECRET, production))
  const cookieSecret = check(() => resolveSecret("COOKIE_SECRET", env.COOKIE_SECRET, production))
  const storeCors = check(() => resolveCors("STORE_CORS", env.STORE_CORS, production))
  const adminCors = check(() => resolveCors("ADMIN_CORS", env.ADMIN_CORS, production))
  const authCors = check(() => resolveCors("AUTH_CORS", env.AUTH_CORS, production))
  check(() => authThrottleSettings(env))
  check(() => refuseRetiredStoreCacheVariable(rawEnv))
  // Last: of several problems, the missing services and secrets are the ones to fix first.
  const notification = check(() => notificationSettings(env, { production, sendsEmail: mode.runsSubscribers }))
  const payments = check(() => paymentSettings(env, { production }))
  const files = check(() => fileSettings(env, { production }))
  const cors =
    storeCors !== undefined && adminCors !== undefined && authCors !== undefined
      ? corsWithWarnings({ storeCors, adminCors, authCors })
      : undefined

  const settings = {
    ...{ env, production, mode, database, redis, cacheRedis },
    ...{ notification, payments, files, jwtSecret, cookieSecret, cors },
  }
  if (
    errors.length ||
    !notification ||
    !payments ||
    !files ||
    jwtSecret === undefined ||
    cookieSecret === undefined ||
    !cors
  ) {
    return { errors, settings }
  }
  return { errors, settings, valid: { ...settings, notification, payments, files, jwtSecret, cookieSecret, cors } }
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
