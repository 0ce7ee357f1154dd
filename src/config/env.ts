import { z } from "@medusajs/framework/zod"
import { SSL_MODES } from "./database/tls"
import { ConfigError } from "./errors"
import { LOG_LEVELS } from "./log-level"

export const WORKER_MODES = ["server", "worker", "shared"] as const
export type WorkerMode = (typeof WORKER_MODES)[number]

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes")

/** A whole number from min to max; `maxBecause` says why the maximum is what it is. */
function count(min: number, max: number, maxBecause?: string) {
  return z.coerce
    .number({ error: "must be a whole number" })
    .int({ error: "must be a whole number" })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}${maxBecause ? `: ${maxBecause}` : ""}` })
    .optional()
}

/** Variables taken as text here and judged by the module that uses them. */
function texts<const K extends string>(...names: K[]): { [N in K]: z.ZodOptional<z.ZodString> } {
  return Object.fromEntries(names.map((name) => [name, z.string().optional()])) as {
    [N in K]: z.ZodOptional<z.ZodString>
  }
}

/** The NODE_ENV values Medusa's own isProduction() treats as production. */
export const PRODUCTION_NODE_ENVS = ["production", "prod"] as const

/**
 * The NODE_ENV values the shop accepts. Medusa and this module apply the
 * production rules only to PRODUCTION_NODE_ENVS (Medusa's isProduction() in
 * @medusajs/utils compares the exact text); any other value runs with the
 * development rules: no Redis, secrets, CORS or object storage required, the
 * development defaults instead. A typo such as `producton` or `Production`,
 * or `staging` (which Medusa only uses to make the session cookie Secure),
 * would therefore start a deploy without any of the production refusals, so
 * only these four pass. A staging deploy runs as production.
 */
export const NODE_ENVS = [...PRODUCTION_NODE_ENVS, "development", "test"] as const

/**
 * The admin's @medusajs/js-sdk turns "/" (Medusa's default) into the page's
 * origin and builds every request URL with `new URL(MEDUSA_BACKEND_URL)`
 * (dist/client.js), which throws for anything but an absolute URL: a bare host
 * (`backend.example.dk`) or a path (`/api`) leaves the built admin unable to
 * call anything, and another scheme cannot be fetched. A trailing slash or a
 * path prefix is fine, the SDK joins the paths itself.
 */
function isBackendUrl(value: string): boolean {
  if (value === "/") {
    return true
  }
  try {
    const { protocol } = new URL(value)
    return protocol === "https:" || protocol === "http:"
  } catch {
    return false
  }
}

/**
 * Every variable the configuration module reads, with its shape. The
 * `.env.template` test compares its keys with the template, so a variable the
 * code reads cannot go undocumented. Values are strings as the environment
 * delivers them; an empty string counts as unset (Railway and .env files leave
 * blanks behind).
 */
export const envSchema = z.object({
  NODE_ENV: z
    .enum(NODE_ENVS, {
      error: `must be one of ${NODE_ENVS.join(", ")}; any other value would run the shop with development rules`,
    })
    .optional(),
  /**
   * Medusa's logger (winston with npm's levels) matches the level by its exact
   * text: under any other value, `warning` or `WARN` say, it prints nothing at
   * all, errors included. Read here by ./medusa.ts for the [config] lines.
   */
  LOG_LEVEL: z
    .enum(LOG_LEVELS, {
      error: `must be one of ${LOG_LEVELS.join(", ")}: at any other level Medusa's logger prints nothing, errors included`,
    })
    .optional(),

  /** DATABASE_MIGRATION_URL is read by npm run migrate and npm run doctor (./migration.ts), not by the app. */
  ...texts("DATABASE_URL", "DATABASE_CA_CERT", "DATABASE_EXTRA", "DATABASE_MIGRATION_URL"),
  DATABASE_SSL: z.enum(SSL_MODES, { error: `must be one of ${SSL_MODES.join(", ")}` }).optional(),
  DATABASE_POOL_MAX: count(1, 200),

  /** CACHE_REDIS_URL: Redis for caches only (the store cache's answers, the Caching Module); defaults to REDIS_URL (./caches.ts). */
  ...texts("REDIS_URL", "CACHE_REDIS_URL"),

  ...texts("JWT_SECRET", "COOKIE_SECRET", "STORE_CORS", "ADMIN_CORS", "AUTH_CORS"),
  MEDUSA_BACKEND_URL: z
    .string()
    .refine(isBackendUrl, {
      error:
        "must be / (the default: the admin calls the server it is served from) or the server's public http(s) URL, e.g. https://backend.example.dk; the admin makes its request URLs with new URL(MEDUSA_BACKEND_URL), which fails on anything else",
    })
    .optional(),

  MEDUSA_WORKER_MODE: z.enum(WORKER_MODES, { error: `must be one of ${WORKER_MODES.join(", ")}` }).optional(),
  DISABLE_MEDUSA_ADMIN: booleanFlag.optional(),
  /** Medusa listens here; a name that is not a number would become a local socket path. */
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, { error: "must be a port number from 1 to 65535" })
    .refine((v) => Number(v) >= 1 && Number(v) <= 65535, { error: "must be a port number from 1 to 65535" })
    .optional(),

  /** Order confirmations by email through SendGrid when set (./notification.ts). */
  ...texts("SENDGRID_API_KEY", "SENDGRID_FROM"),
  /** true: a production worker without SendGrid logs emails on purpose (./notification.ts). */
  EMAIL_LOG_ONLY: booleanFlag.optional(),

  /** Stripe (cards and MobilePay) on both services when both are set (./payments.ts). */
  ...texts("STRIPE_API_KEY", "STRIPE_WEBHOOK_SECRET"),

  /** S3-compatible object storage for uploads, e.g. Supabase Storage (./files.ts). */
  ...texts(
    "S3_BUCKET",
    "S3_REGION",
    "S3_ACCESS_KEY_ID",
    "S3_SECRET_ACCESS_KEY",
    "S3_ENDPOINT",
    "S3_FILE_URL",
    "S3_PREFIX"
  ),
  /** true: production keeps uploads on the container's disk on purpose (./files.ts). */
  FILES_LOCAL_ONLY: booleanFlag.optional(),

  /** Password-guessing limits (./auth-throttle.ts). */
  AUTH_THROTTLE_PER_ACCOUNT_AND_ADDRESS: count(1, 1000),
  AUTH_THROTTLE_PER_ADDRESS: count(1, 100_000),
  AUTH_THROTTLE_PER_ACCOUNT: count(1, 100_000),
  AUTH_THROTTLE_WINDOW_SECONDS: count(10, 24 * 3600),
  /** A storefront trusted to name the shopper behind a server-side login (./storefront.ts). */
  ...texts("STOREFRONT_SECRET", "STOREFRONT_ADDRESSES"),

  /** The store cache's safety-net age; 0 turns it off (./store-cache.ts). */
  STORE_CACHE_MAX_AGE_SECONDS: count(0, 86_400, "a day; a change no event announces would show that late"),
})

export type Env = z.infer<typeof envSchema>
export type RawEnv = Record<string, string | undefined>

export const CONFIG_VARIABLES = Object.keys(envSchema.shape) as Array<keyof Env>

/** Validates the environment; the first problem becomes a one-line ConfigError. */
export function parseEnv(raw: RawEnv): Env {
  const { env, errors } = parseEnvCollectingErrors(raw)
  if (errors.length) {
    throw errors[0]
  }
  return env!
}

/**
 * Like parseEnv, but returns every problem (one per variable) for tools that
 * report them all at once (npm run doctor). `env` holds the valid variables.
 */
export function parseEnvCollectingErrors(raw: RawEnv): { env?: Env; errors: ConfigError[] } {
  const relevant: Record<string, string> = {}
  for (const key of CONFIG_VARIABLES) {
    const value = raw[key]
    if (value !== undefined && value.trim() !== "") {
      relevant[key] = value
    }
  }
  const result = envSchema.safeParse(relevant)
  if (result.success) {
    return { env: result.data, errors: [] }
  }
  const errors: ConfigError[] = []
  const invalid = new Set<string>()
  for (const issue of result.error.issues) {
    const variable = String(issue.path[0] ?? "environment")
    if (invalid.has(variable)) {
      continue
    }
    invalid.add(variable)
    const given = relevant[variable]
    // Echo short, non-secret values back; never echo secrets or URLs.
    const echo = given !== undefined && isEchoable(variable) ? ` (got "${given}")` : ""
    errors.push(new ConfigError(variable, `${issue.message}${echo}`))
  }
  const valid = Object.fromEntries(Object.entries(relevant).filter(([key]) => !invalid.has(key)))
  return { env: envSchema.parse(valid), errors }
}

function isEchoable(variable: string): boolean {
  return !/SECRET|PASSWORD|URL|CERT|EXTRA|KEY/.test(variable)
}

/** Takes any text, as the doctor judges NODE_ENV values before they are validated. */
export function isProduction(env: { NODE_ENV?: string }): boolean {
  return (PRODUCTION_NODE_ENVS as readonly string[]).includes(env.NODE_ENV ?? "")
}
