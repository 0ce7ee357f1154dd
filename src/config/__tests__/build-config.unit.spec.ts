import { buildConfig, configProblems } from "../index"
import { errorOf } from "./config-error"
import { parseEnv } from "../env"
import { maskSecretsInText, maskUrl } from "../mask"
import { EVENT_BUS_JOB_OPTIONS, parseRedisUrl } from "../redis"

const STRONG = "x".repeat(16) + "Q7v!k2#LmP9sTz4w"
const PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n"

const PRODUCTION = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://postgres.ref:pw-db-123@aws-1-eu-west-1.pooler.supabase.com:6543/postgres",
  DATABASE_CA_CERT: PEM,
  REDIS_URL: "redis://default:pw-redis-456@redis.railway.internal:6379",
  JWT_SECRET: STRONG,
  COOKIE_SECRET: STRONG + "c",
  STORE_CORS: "https://shop.example.dk",
  ADMIN_CORS: "https://backend.example.dk",
  AUTH_CORS: "https://shop.example.dk,https://backend.example.dk",
  EMAIL_LOG_ONLY: "true",
}

type ModuleEntry = { resolve: string; options: Record<string, any> }

describe("parseEnv", () => {
  it("rejects an unknown worker mode and lists the three", () => {
    expect(errorOf(() => parseEnv({ MEDUSA_WORKER_MODE: "both" })).message).toBe(
      'MEDUSA_WORKER_MODE: must be one of server, worker, shared (got "both")'
    )
  })

  it("rejects an unknown DATABASE_SSL", () => {
    expect(errorOf(() => parseEnv({ DATABASE_SSL: "on" })).message).toBe(
      'DATABASE_SSL: must be one of disable, require, verify-ca, verify-full (got "on")'
    )
  })

  it("rejects a non-numeric pool size", () => {
    expect(errorOf(() => parseEnv({ DATABASE_POOL_MAX: "ten" })).variable).toBe("DATABASE_POOL_MAX")
  })

  it("treats blank values as unset", () => {
    expect(parseEnv({ MEDUSA_WORKER_MODE: " ", REDIS_URL: "" })).toEqual({})
  })

  it("never echoes a secret back in an error", () => {
    const message = errorOf(() => parseEnv({ DISABLE_MEDUSA_ADMIN: "maybe" })).message
    expect(message).toBe('DISABLE_MEDUSA_ADMIN: must be true or false (got "maybe")')
  })
})

describe("parseRedisUrl", () => {
  it("gives Railway's private host family 0 (IPv6 private network)", () => {
    const redis = parseRedisUrl("redis://default:pw@redis.railway.internal:6379")
    expect(redis.options).toEqual({ family: 0 })
    expect(redis.railwayPrivate).toBe(true)
  })

  it("overrides ?family=4 on a railway.internal host and warns", () => {
    const redis = parseRedisUrl("redis://default:pw@redis.railway.internal:6379?family=4")
    expect(redis.options.family).toBe(0)
    expect(redis.warnings.map((w) => w.message)).toEqual([
      "REDIS_URL: ?family=4 replaced by family=0 for Railway's private network (IPv6)",
    ])
  })

  it("leaves other hosts alone", () => {
    expect(parseRedisUrl("redis://127.0.0.1:6379").options).toEqual({})
  })

  it("accepts rediss:// (TLS)", () => {
    const redis = parseRedisUrl("rediss://default:pw@eu1-redis.upstash.io:6380")
    expect(redis.tls).toBe(true)
    expect(redis.port).toBe(6380)
  })

  it("rejects a non-Redis scheme", () => {
    expect(errorOf(() => parseRedisUrl("http://redis:6379")).message).toBe(
      'REDIS_URL: scheme "http:" is not Redis; expected redis://... or rediss://... (TLS)'
    )
  })

  it("rejects garbage and masks the password", () => {
    const message = errorOf(() => parseRedisUrl("redis://default:pw-secret@")).message
    expect(message).not.toContain("pw-secret")
    expect(message).toMatch(/^REDIS_URL: /)
  })
})

describe("buildConfig in development", () => {
  it("runs with nothing set: shared mode, admin on, development secrets and CORS, no Redis modules, emails logged", () => {
    const built = buildConfig({})
    expect(built.config.projectConfig?.workerMode).toBe("shared")
    expect(built.config.admin?.disable).toBe(false)
    expect(built.config.projectConfig?.http?.jwtSecret).toBe("supersecret")
    expect(built.config.projectConfig?.http?.storeCors).toBe("http://localhost:8000")
    expect((built.config.modules as ModuleEntry[]).map((m) => m.resolve)).toEqual(["@medusajs/medusa/notification"])
    expect(built.notification.email).toBe("log")
    expect(built.config.featureFlags).toBeUndefined()
    expect(built.summary).toContain(
      "redis: REDIS_URL not set; in-memory event bus, locking, workflow engine and sessions (development only)"
    )
  })

  it("disables the admin in worker mode", () => {
    const built = buildConfig({ MEDUSA_WORKER_MODE: "worker" })
    expect(built.config.admin?.disable).toBe(true)
    expect(built.config.projectConfig?.workerMode).toBe("worker")
    expect(built.summary[0]).toBe("mode: worker; admin off (MEDUSA_WORKER_MODE=worker)")
  })

  it("disables the admin with DISABLE_MEDUSA_ADMIN=true in server mode", () => {
    const built = buildConfig({ MEDUSA_WORKER_MODE: "server", DISABLE_MEDUSA_ADMIN: "true" })
    expect(built.config.admin?.disable).toBe(true)
  })

  it("passes MEDUSA_BACKEND_URL to the admin", () => {
    expect(buildConfig({ MEDUSA_BACKEND_URL: "https://api.example.dk" }).config.admin?.backendUrl).toBe(
      "https://api.example.dk"
    )
  })
})

describe("buildConfig with Redis", () => {
  const built = buildConfig({ REDIS_URL: "redis://default:pw@redis.railway.internal:6379" })
  const modules = built.config.modules as ModuleEntry[]
  const byResolve = (resolve: string) => modules.find((m) => m.resolve === resolve)!

  it("puts the event bus, workflow engine, locking and caching on Redis", () => {
    expect(modules.map((m) => m.resolve)).toEqual([
      "@medusajs/medusa/event-bus-redis",
      "@medusajs/medusa/workflow-engine-redis",
      "@medusajs/medusa/locking",
      "@medusajs/medusa/cache-redis",
      "@medusajs/medusa/caching",
      "@medusajs/medusa/notification",
    ])
  })

  it("configures retries with backoff and bounded retention for subscriber jobs", () => {
    expect(byResolve("@medusajs/medusa/event-bus-redis").options).toEqual({
      redisUrl: "redis://default:pw@redis.railway.internal:6379",
      redisOptions: { family: 0 },
      jobOptions: EVENT_BUS_JOB_OPTIONS,
    })
    expect(EVENT_BUS_JOB_OPTIONS.attempts).toBeGreaterThan(1)
    expect(EVENT_BUS_JOB_OPTIONS.removeOnFail.count).toBeGreaterThan(0)
  })

  it("uses the non-deprecated workflow engine option names", () => {
    expect(byResolve("@medusajs/medusa/workflow-engine-redis").options).toEqual({
      redis: { redisUrl: "redis://default:pw@redis.railway.internal:6379", redisOptions: { family: 0 } },
    })
  })

  it("makes the Redis locking provider the default", () => {
    expect(byResolve("@medusajs/medusa/locking").options.providers).toEqual([
      expect.objectContaining({ resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true }),
    ])
  })

  it("uses the Caching Module with its feature flag (cache-redis is deprecated)", () => {
    expect(byResolve("@medusajs/medusa/caching").options.providers[0].resolve).toBe("@medusajs/medusa/caching-redis")
    expect(built.config.featureFlags).toEqual({ caching: true })
  })

  it("backs sessions with Redis too", () => {
    expect(built.config.projectConfig?.redisUrl).toBe("redis://default:pw@redis.railway.internal:6379")
    expect(built.config.projectConfig?.redisOptions).toEqual({ family: 0 })
  })

  it("masks the Redis password in the summary", () => {
    const line = built.summary.find((l) => l.startsWith("redis:"))!
    expect(line).toContain("redis://default:***@redis.railway.internal:6379")
    expect(line).not.toContain(":pw@")
  })
})

describe("buildConfig in production", () => {
  it("accepts a complete production environment", () => {
    const built = buildConfig(PRODUCTION)
    expect(built.config.projectConfig?.http?.jwtSecret).toBe(STRONG)
    expect(built.database?.pooler).toBe("transaction")
    expect(built.summary).toEqual([
      "mode: shared; admin on",
      "database: aws-1-eu-west-1.pooler.supabase.com:6543/postgres; transaction pooler; TLS verify-full with CA (default for a remote host)",
      "redis: redis://default:***@redis.railway.internal:6379; event bus, workflow engine, locking, sessions, login cache (MFA/OAuth) and Caching Module (TTL 300 s) on Redis (family=0 for Railway's private network)",
      "notifications: emails are written to the log and recorded as not sent (EMAIL_LOG_ONLY=true); admin feed on",
    ])
    expect(JSON.stringify(built.summary)).not.toMatch(/pw-db-123|pw-redis-456/)
  })

  it("refuses to start without REDIS_URL", () => {
    const { REDIS_URL: _omit, ...env } = PRODUCTION
    expect(errorOf(() => buildConfig(env)).message).toMatch(
      /^REDIS_URL: is required in production \(without it Medusa silently uses an in-memory event bus/
    )
  })

  it("refuses to start without DATABASE_URL", () => {
    const { DATABASE_URL: _omit, ...env } = PRODUCTION
    expect(errorOf(() => buildConfig(env)).variable).toBe("DATABASE_URL")
  })

  it("refuses a missing JWT_SECRET", () => {
    const { JWT_SECRET: _omit, ...env } = PRODUCTION
    expect(errorOf(() => buildConfig(env)).message).toBe(
      "JWT_SECRET: is required in production; generate one with: openssl rand -base64 48"
    )
  })

  it("refuses a short COOKIE_SECRET", () => {
    expect(errorOf(() => buildConfig({ ...PRODUCTION, COOKIE_SECRET: "short-secret" })).message).toBe(
      "COOKIE_SECRET: is 12 characters, production needs at least 32; generate one with: openssl rand -base64 48"
    )
  })

  it("refuses Medusa's well-known default secret", () => {
    expect(errorOf(() => buildConfig({ ...PRODUCTION, JWT_SECRET: "supersecret" })).message).toBe(
      "JWT_SECRET: is a well-known default value; generate one with: openssl rand -base64 48"
    )
  })

  it("requires each CORS variable", () => {
    const { ADMIN_CORS: _omit, ...env } = PRODUCTION
    expect(errorOf(() => buildConfig(env)).message).toMatch(/^ADMIN_CORS: is required in production/)
  })

  it("rejects a CORS entry that is not an origin", () => {
    expect(errorOf(() => buildConfig({ ...PRODUCTION, STORE_CORS: "shop.example.dk" })).message).toBe(
      'STORE_CORS: "shop.example.dk" is not an origin (scheme://host[:port] without a path) or a /regex/; e.g. https://shop.example.dk'
    )
  })

  it("never puts a password in an error message", () => {
    const message = errorOf(() =>
      buildConfig({ ...PRODUCTION, DATABASE_URL: "postgresql://postgres.ref:pw-db-123@host:6543" })
    ).message
    expect(message).not.toContain("pw-db-123")
  })

  it("does not need any service to be reachable (build-time safe)", () => {
    // Unresolvable hosts: building the config must not try to connect.
    const built = buildConfig({
      ...PRODUCTION,
      DATABASE_URL: "postgres://u:p@nowhere.invalid:6543/postgres",
      REDIS_URL: "redis://nowhere.invalid:6379",
    })
    expect(built.database?.host).toBe("nowhere.invalid")
  })
})

describe("masking", () => {
  it("masks the password of a URL", () => {
    expect(maskUrl("postgres://user:hunter2@db:5432/x")).toBe("postgres://user:***@db:5432/x")
  })

  it("masks URLs inside free text", () => {
    expect(maskSecretsInText("connect redis://default:abc@r:6379 and postgres://u:p%40ss@h/db failed")).toBe(
      "connect redis://default:***@r:6379 and postgres://u:***@h/db failed"
    )
  })
})

describe("configProblems (for npm run doctor)", () => {
  it("lists every problem at once, one per variable", () => {
    const problems = configProblems({
      NODE_ENV: "production",
      MEDUSA_WORKER_MODE: "both",
      DATABASE_URL: "postgresql://postgres.ref:pw@aws-1-eu-west-1.pooler.supabase.com:6543/postgres?pgbouncer=true",
      JWT_SECRET: "supersecret",
    }).map((e) => e.variable)
    expect(problems).toEqual([
      "MEDUSA_WORKER_MODE",
      "REDIS_URL",
      "JWT_SECRET",
      "COOKIE_SECRET",
      "STORE_CORS",
      "ADMIN_CORS",
      "AUTH_CORS",
      "SENDGRID_API_KEY",
    ])
  })

  it("finds nothing in a complete production environment", () => {
    expect(configProblems(PRODUCTION)).toEqual([])
  })
})
