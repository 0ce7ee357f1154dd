import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { ConfigError, validateConfig } from "../config"
import { databaseSettings, detectPooler, parseDatabaseUrl, type DatabaseSettings } from "../config/database"
import { migrationTarget } from "../config/migration"
import type { ModeSettings } from "../config/mode"
import type { RedisSettings } from "../config/redis"
import { judgedEnvironment } from "./judged-environment"
import { fail, pass, warn, type CheckResult } from "./report"

export interface StaticInput {
  env: Record<string, string | undefined>
  /** The directory holding .medusa/server (the repo root). */
  root: string
  nodeVersion: string
  /** package.json engines.node, e.g. ">=22.12.0 <23". */
  enginesNode: string
  readTextFile?: (path: string) => string
  /** --development: judge a local setup instead of what the start scripts run. */
  development?: boolean
}

export interface StaticOutcome {
  results: CheckResult[]
  /** What the live checks connect with, when the variables are valid. */
  database?: DatabaseSettings
  /** DATABASE_MIGRATION_URL judged on its own, as npm run migrate uses it. */
  migrationDatabase?: DatabaseSettings
  redis?: RedisSettings
  /** CACHE_REDIS_URL when it names another Redis than REDIS_URL. */
  cacheRedis?: RedisSettings
}

/** Everything that can be judged from the variables and files alone. */
export function staticChecks(input: StaticInput): StaticOutcome {
  const { env, production, note } = judgedEnvironment(input.env, { development: input.development ?? false })
  const results: CheckResult[] = []

  const read = input.readTextFile ?? ((path: string) => readFileSync(path, "utf8"))
  const { errors: problems, settings } = validateConfig(env, read)
  const { env: valid, mode, database, redis, cacheRedis, notification, payments, files, cors } = settings
  for (const problem of problems) {
    results.push(fail(`config ${problem.variable}`, problem.message, fixForConfigError(problem)))
  }
  if (!problems.length) {
    results.push(pass("configuration", `valid for ${note}, ${mode.workerMode} mode`))
  }
  const migrationDatabase = env.DATABASE_MIGRATION_URL
    ? attempt(() => databaseSettings({ ...valid, DATABASE_URL: env.DATABASE_MIGRATION_URL }, read))
    : undefined
  for (const warning of [
    ...(database?.warnings ?? []),
    ...(redis?.warnings ?? []),
    ...(cacheRedis?.warnings ?? []),
    ...(cors?.warnings ?? []),
    ...(notification?.warnings ?? []),
    ...(payments?.warnings ?? []),
    ...(files?.warnings ?? []),
  ]) {
    results.push(warn("configuration", warning.message, warning.fix))
  }

  results.push(...databaseUrlChecks(env))
  results.push(...redisChecks(env))
  results.push(adminBuildCheck(mode, input.root))
  results.push(modeCheck(mode, production))
  results.push(nodeCheck(input.nodeVersion, input.enginesNode))
  return { results, database, migrationDatabase, redis, cacheRedis }
}

/** The value, or undefined when the variable is invalid (already reported). */
function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn()
  } catch {
    return undefined
  }
}

function fixForConfigError(error: ConfigError): string {
  switch (error.variable) {
    case "REDIS_URL":
      return "add a Redis service and set REDIS_URL=${{Redis.REDIS_URL}} on both services"
    case "JWT_SECRET":
    case "COOKIE_SECRET":
      return `set ${error.variable} to the output of: openssl rand -base64 48`
    case "DATABASE_URL":
      return "set DATABASE_URL to Supabase's transaction pooler URL (port 6543)"
    case "PORT":
      return "unset PORT on Railway (it injects the port itself) or set a number from 1 to 65535"
    case "STORE_CORS":
    case "ADMIN_CORS":
    case "AUTH_CORS":
      return `set ${error.variable} to the comma-separated origins that may call it, e.g. https://shop.example.dk`
    case "SENDGRID_API_KEY":
      return "on the worker service set SENDGRID_API_KEY and SENDGRID_FROM, or EMAIL_LOG_ONLY=true to only log confirmations (then npm run send-confirmations once a provider is set)"
    case "EMAIL_LOG_ONLY":
      return "choose one: unset EMAIL_LOG_ONLY to send through SendGrid, or unset SENDGRID_API_KEY to only log"
    case "STRIPE_API_KEY":
    case "STRIPE_WEBHOOK_SECRET":
      return "on both services set STRIPE_API_KEY (sk_…) and STRIPE_WEBHOOK_SECRET (whsec_… of the endpoint /hooks/payment/stripe_stripe), or neither"
    case "S3_BUCKET":
    case "S3_REGION":
    case "S3_ACCESS_KEY_ID":
    case "S3_SECRET_ACCESS_KEY":
    case "S3_ENDPOINT":
    case "S3_FILE_URL":
      return "on both services set the S3_ variables of one bucket (Supabase: Project Settings → Storage → S3 connection), or FILES_LOCAL_ONLY=true to keep uploads on disk on purpose"
    case "FILES_LOCAL_ONLY":
      return "choose one: unset FILES_LOCAL_ONLY to store uploads in S3, or unset the S3_ variables to keep them on disk"
    default:
      return "correct the variable named in the message (see .env.template)"
  }
}

function databaseUrlChecks(env: StaticInput["env"]): CheckResult[] {
  const results: CheckResult[] = []
  if (env.DATABASE_EXTRA && /^\s*\{\s*"ssl"/.test(env.DATABASE_EXTRA)) {
    results.push(
      warn(
        "DATABASE_EXTRA",
        'is in the Medusa 1 shape {"ssl":...}; Medusa 2 reads connection.ssl (this project converts it)',
        "delete DATABASE_EXTRA and set DATABASE_SSL/DATABASE_CA_CERT"
      )
    )
  }
  if (!env.DATABASE_URL) {
    return results
  }
  let runtime: ReturnType<typeof detectPooler>
  try {
    const parsed = parseDatabaseUrl(env.DATABASE_URL)
    runtime = detectPooler(parsed.host, parsed.port)
  } catch {
    return results // reported by the configuration check
  }
  try {
    const target = migrationTarget(env)
    results.push(pass("migration connection", `npm run migrate uses ${target.variable} (${target.pooler} connection)`))
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error
    }
    results.push(
      fail(
        "migration connection",
        error.message,
        "set DATABASE_MIGRATION_URL to Supabase's session pooler (same host, port 5432) or the direct connection"
      )
    )
  }
  results.push(
    pass("database door", `DATABASE_URL is a ${runtime === "direct" ? "direct connection" : `${runtime} pooler`}`)
  )
  return results
}

function redisChecks(env: StaticInput["env"]): CheckResult[] {
  const results: CheckResult[] = []
  const url = env.REDIS_URL
  if (!url) {
    return results
  }
  let host = ""
  try {
    host = new URL(url).hostname
  } catch {
    return results // reported by the configuration check
  }
  if (/\.proxy\.rlwy\.net$/i.test(host) || (env.REDIS_PUBLIC_URL && env.REDIS_PUBLIC_URL === url)) {
    results.push(
      warn(
        "Redis URL",
        "REDIS_URL goes through Railway's public proxy (REDIS_PUBLIC_URL): slower and billed as egress",
        "set REDIS_URL=${{Redis.REDIS_URL}} (the private *.railway.internal URL)"
      )
    )
  } else if (/\.railway\.internal$/i.test(host)) {
    results.push(pass("Redis URL", "Railway's private network; family=0 is applied for its IPv6 addresses"))
  }
  return results
}

function adminBuildCheck(mode: ModeSettings, root: string): CheckResult {
  if (mode.adminDisabled) {
    return pass("admin build", `not needed (${mode.adminDisabledBecause})`)
  }
  const index = join(root, ".medusa", "server", "public", "admin", "index.html")
  return existsSync(index)
    ? pass("admin build", ".medusa/server/public/admin/index.html present")
    : fail(
        "admin build",
        '.medusa/server/public/admin/index.html is missing: the server would fail with "Could not find index.html in the admin build directory"',
        "run npm run build (Railway: buildCommand = npm run build) and start with npm run start:server"
      )
}

function modeCheck(mode: ModeSettings, production: boolean): CheckResult {
  if (production && mode.workerMode === "shared") {
    return warn(
      "server/worker split",
      "production runs in shared mode: HTTP and background work share one process",
      "run two services: MEDUSA_WORKER_MODE=server (npm run start:server) and MEDUSA_WORKER_MODE=worker (npm run start:worker)"
    )
  }
  return pass("server/worker split", `${mode.workerMode} mode`)
}

function nodeCheck(version: string, engines: string): CheckResult {
  const major = Number(version.replace(/^v/, "").split(".")[0])
  const lower = Number(engines.match(/>=\s*(\d+)/)?.[1] ?? 0)
  const upper = Number(engines.match(/<\s*(\d+)/)?.[1] ?? Infinity)
  return major >= lower && major < upper
    ? pass("Node version", `${version} satisfies engines ${engines}`)
    : warn(
        "Node version",
        `${version} does not satisfy engines ${engines}`,
        `use Node ${lower} (.nvmrc); Railway: it reads engines/.nvmrc`
      )
}
