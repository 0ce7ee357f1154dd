import { buildConfig, configProblems } from "../index"
import { errorOf } from "./config-error"

const STRONG = "x".repeat(16) + "Q7v!k2#LmP9sTz4w"
const PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n"

const PRODUCTION = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://postgres.ref:pw@aws-1-eu-west-1.pooler.supabase.com:6543/postgres",
  DATABASE_CA_CERT: PEM,
  REDIS_URL: "redis://default:pw@redis.railway.internal:6379",
  JWT_SECRET: STRONG,
  COOKIE_SECRET: STRONG + "c",
  STORE_CORS: "https://shop.example.dk",
  ADMIN_CORS: "https://backend.example.dk",
  AUTH_CORS: "https://shop.example.dk,https://backend.example.dk",
  MEDUSA_WORKER_MODE: "worker",
  SENDGRID_API_KEY: "SG.key-value",
  SENDGRID_FROM: "ordre@beauty-shop.dk",
}

const BROKEN: Record<string, Record<string, string>> = {
  "an unknown worker mode": { MEDUSA_WORKER_MODE: "both" },
  "a bare production environment": { NODE_ENV: "production" },
  "a DATABASE_URL that is not PostgreSQL": { DATABASE_URL: "mysql://u:p@db.example.dk:3306/shop" },
  "DATABASE_EXTRA that is not JSON": { DATABASE_URL: "postgres://u:p@localhost/shop", DATABASE_EXTRA: "{" },
  "verify-ca without a CA": { ...PRODUCTION, DATABASE_CA_CERT: "", DATABASE_SSL: "verify-ca" },
  "a broken REDIS_URL and CACHE_REDIS_URL": { REDIS_URL: "not a url", CACHE_REDIS_URL: "http://cache:6379" },
  "CACHE_REDIS_URL without REDIS_URL": { CACHE_REDIS_URL: "redis://cache:6379" },
  "an incomplete SendGrid setup": { SENDGRID_API_KEY: "SG.key-value" },
  "a production worker without Redis": { ...PRODUCTION, REDIS_URL: "" },
  "a production worker without a database": { ...PRODUCTION, DATABASE_URL: "" },
  "a well-known secret": { ...PRODUCTION, JWT_SECRET: "supersecret" },
  "a short cookie secret": { ...PRODUCTION, COOKIE_SECRET: "short" },
  "two CORS wildcards": { ...PRODUCTION, STORE_CORS: "*", ADMIN_CORS: "*" },
  "a missing AUTH_CORS": { ...PRODUCTION, AUTH_CORS: "" },
}

describe("one validation path for buildConfig and npm run doctor", () => {
  it.each(Object.entries(BROKEN))("buildConfig refuses %s with the first problem configProblems lists", (_name, env) => {
    const problems = configProblems(env)
    expect(problems.length).toBeGreaterThan(0)
    const thrown = errorOf(() => buildConfig(env))
    expect({ variable: thrown.variable, message: thrown.message }).toEqual({
      variable: problems[0].variable,
      message: problems[0].message,
    })
  })

  it.each([
    ["development", {}],
    ["production", PRODUCTION],
  ])("finds no problem where buildConfig succeeds (%s)", (_name, env) => {
    expect(configProblems(env)).toEqual([])
    expect(() => buildConfig(env)).not.toThrow()
  })
})
