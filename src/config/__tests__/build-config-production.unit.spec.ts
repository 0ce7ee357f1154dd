import { buildConfig, configProblems } from "../index"
import { errorOf } from "./config-error"
import { SUPABASE_STORAGE } from "./production-env"

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
  ...SUPABASE_STORAGE,
}

describe("buildConfig in production", () => {
  it("accepts a complete production environment", () => {
    const built = buildConfig(PRODUCTION)
    expect(built.config.projectConfig?.http?.jwtSecret).toBe(STRONG)
    expect(built.database?.pooler).toBe("transaction")
    expect(built.summary).toEqual([
      "mode: shared; admin on",
      "database: aws-1-eu-west-1.pooler.supabase.com:6543/postgres; transaction pooler; TLS verify-full with CA (default for a remote host)",
      "redis: redis://default:***@redis.railway.internal:6379; event bus, workflow engine, locking, sessions, login cache (MFA/OAuth) and Caching Module (TTL 300 s, only with MEDUSA_FF_CACHING=true) on Redis (family=0 for Railway's private network)",
      "store cache: anonymous catalogue answers kept until a change invalidates them (at most 3600 s), in each server, invalidated through REDIS_URL; set CACHE_REDIS_URL (an evicting Redis) to share answers between replicas",
      "login throttle: 5 failures per account and address, 20 per address, 50 per account in 15 min; counted in Redis, across replicas",
      "trusted storefront: none (STOREFRONT_SECRET unset); a server-side storefront's customers share its address (docs/security.md)",
      "languages: da-DK (base content, the default), en-GB (Translation Module)",
      "notifications: emails are written to the log and recorded as not sent (EMAIL_LOG_ONLY=true); admin feed on",
      "payments: manual provider only (STRIPE_API_KEY not set)",
      "files: S3 bucket media at ref.supabase.co; public URLs under https://ref.supabase.co/storage/v1/object/public/media",
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
      "S3_BUCKET",
    ])
  })

  it("finds nothing in a complete production environment", () => {
    expect(configProblems(PRODUCTION)).toEqual([])
  })
})
