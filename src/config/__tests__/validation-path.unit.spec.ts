import { buildConfig, configProblems } from "../index"
import { errorOf } from "./config-error"
import { PRODUCTION } from "./production-env"

/** The worker's production environment: it sends the confirmations. */
const WORKER = {
  ...PRODUCTION,
  MEDUSA_WORKER_MODE: "worker",
  SENDGRID_API_KEY: "SG.key-value",
  SENDGRID_FROM: "ordre@beauty-shop.dk",
}

const BROKEN: Record<string, Record<string, string>> = {
  "an unknown worker mode": { MEDUSA_WORKER_MODE: "both" },
  "a bare production environment": { NODE_ENV: "production" },
  "a DATABASE_URL that is not PostgreSQL": { DATABASE_URL: "mysql://u:p@db.example.dk:3306/shop" },
  "DATABASE_EXTRA that is not JSON": { DATABASE_URL: "postgres://u:p@localhost/shop", DATABASE_EXTRA: "{" },
  "verify-ca without a CA": { ...WORKER, DATABASE_CA_CERT: "", DATABASE_SSL: "verify-ca" },
  "a broken REDIS_URL and CACHE_REDIS_URL": { REDIS_URL: "not a url", CACHE_REDIS_URL: "http://cache:6379" },
  "CACHE_REDIS_URL without REDIS_URL": { CACHE_REDIS_URL: "redis://cache:6379" },
  "an incomplete SendGrid setup": { SENDGRID_API_KEY: "SG.key-value" },
  "a production worker without Redis": { ...WORKER, REDIS_URL: "" },
  "a production worker without a database": { ...WORKER, DATABASE_URL: "" },
  "a well-known secret": { ...WORKER, JWT_SECRET: "supersecret" },
  "a short cookie secret": { ...WORKER, COOKIE_SECRET: "short" },
  "two CORS wildcards": { ...WORKER, STORE_CORS: "*", ADMIN_CORS: "*" },
  "a missing AUTH_CORS": { ...WORKER, AUTH_CORS: "" },
}

describe("one validation path for buildConfig and npm run doctor", () => {
  it.each(Object.entries(BROKEN))(
    "buildConfig refuses %s with the first problem configProblems lists",
    (_name, env) => {
      const problems = configProblems(env)
      expect(problems.length).toBeGreaterThan(0)
      const thrown = errorOf(() => buildConfig(env))
      expect({ variable: thrown.variable, message: thrown.message }).toEqual({
        variable: problems[0].variable,
        message: problems[0].message,
      })
    }
  )

  it.each([
    ["development", {}],
    ["production, server", PRODUCTION],
    ["production, worker", WORKER],
  ])("finds no problem where buildConfig succeeds (%s)", (_name, env) => {
    expect(configProblems(env)).toEqual([])
    expect(() => buildConfig(env)).not.toThrow()
  })
})
