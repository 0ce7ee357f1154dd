// Railway Infrastructure as Code: `railway config plan` / `railway config apply`
// (Railway CLI >= 5.42.1) evaluate this file with Node's type stripping, so it
// keeps to erasable TypeScript (no enums, `import type`, `.ts`/.json paths).
//
// Declares the shop's three services: Redis, the HTTP server and the background
// worker, both built from this repo with the settings in ./deploy.json (the one
// source of truth the config files and tests are checked against).
//
// Values that are the same for both services and secret or per-shop (database
// URLs, secrets, CORS origins) are Railway *shared variables* of the
// environment, set once with `railway variables --shared` or in the dashboard;
// this file only references them, so no secret is ever in the repo.
import { defineRailway, github, project, redis, service } from "railway/iac"
import type { ServiceConfigInput } from "railway/iac"
import settings from "./deploy.json" with { type: "json" }

/** The GitHub repository Railway builds from; change it to the shop's own. */
export const REPOSITORY = "beauty-shop/backend"
export const BRANCH = "main"

type RestartPolicy = "ON_FAILURE" | "ALWAYS" | "NEVER"
type Builder = "NIXPACKS" | "DOCKERFILE" | "RAILPACK" | "HEROKU" | "PAKETO"

export default defineRailway((ctx) => {
  // The name "Redis" makes references render as ${{Redis.REDIS_URL}}: the
  // private URL (no egress billing); the config adds family=0 for IPv6.
  const cache = redis("Redis")

  const common = {
    source: github(REPOSITORY, { branch: BRANCH }),
    build: {
      builder: settings.build.builder as Builder,
      buildCommand: settings.build.buildCommand,
      watchPatterns: settings.build.watchPatterns,
    },
    healthcheckTimeout: settings.deploy.healthcheckTimeout,
    deploy: {
      restartPolicyType: settings.deploy.restartPolicyType as RestartPolicy,
      restartPolicyMaxRetries: settings.deploy.restartPolicyMaxRetries,
      drainingSeconds: settings.deploy.drainingSeconds,
    },
  } satisfies ServiceConfigInput

  // NODE_ENV is not set here: the start and migrate scripts default it to
  // production, and as a service variable it would also reach the build,
  // where npm would then skip the devDependencies the build needs.
  const sharedVariables = {
    DATABASE_URL: ctx.shared.DATABASE_URL,
    DATABASE_CA_CERT: ctx.shared.DATABASE_CA_CERT,
    REDIS_URL: cache.env.REDIS_URL,
    // One Redis holds the queues and the Caching Module's keys, with Railway's
    // default noeviction (docs/configuration.md: Caches). A shop that outgrows it adds a
    // second redis("Cache") with allkeys-lru and sets
    // CACHE_REDIS_URL: cacheRedis.env.REDIS_URL here.
    JWT_SECRET: ctx.shared.JWT_SECRET,
    COOKIE_SECRET: ctx.shared.COOKIE_SECRET,
    STORE_CORS: ctx.shared.STORE_CORS,
    ADMIN_CORS: ctx.shared.ADMIN_CORS,
    AUTH_CORS: ctx.shared.AUTH_CORS,
    // Both services need Stripe: the server takes the webhook, the worker
    // handles it, and captures and refunds. Both read the same bucket: the
    // server takes uploads, the worker reads product imports from it.
    STRIPE_API_KEY: ctx.shared.STRIPE_API_KEY,
    STRIPE_WEBHOOK_SECRET: ctx.shared.STRIPE_WEBHOOK_SECRET,
    S3_BUCKET: ctx.shared.S3_BUCKET,
    S3_REGION: ctx.shared.S3_REGION,
    S3_ACCESS_KEY_ID: ctx.shared.S3_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: ctx.shared.S3_SECRET_ACCESS_KEY,
    S3_ENDPOINT: ctx.shared.S3_ENDPOINT,
    S3_FILE_URL: ctx.shared.S3_FILE_URL,
  }

  const server = service("server", {
    ...common,
    start: settings.services.server.startCommand,
    healthcheck: settings.services.server.healthcheckPath,
    // Runs once per deploy, before the new server takes traffic; a failure
    // keeps the old deployment running.
    preDeploy: settings.services.server.preDeployCommand,
    env: {
      ...sharedVariables,
      // Only the migration needs the session connection.
      DATABASE_MIGRATION_URL: ctx.shared.DATABASE_MIGRATION_URL,
      MEDUSA_WORKER_MODE: settings.services.server.workerMode,
    },
  })

  const worker = service("worker", {
    ...common,
    start: settings.services.worker.startCommand,
    healthcheck: settings.services.worker.healthcheckPath,
    env: {
      ...sharedVariables,
      MEDUSA_WORKER_MODE: settings.services.worker.workerMode,
      // The worker sends the order confirmations. Set in the environment's
      // shared variables either SENDGRID_API_KEY and SENDGRID_FROM, or
      // EMAIL_LOG_ONLY=true to only log them (recorded as not sent); with
      // neither, the worker refuses to start. The server sends no email.
      SENDGRID_API_KEY: ctx.shared.SENDGRID_API_KEY,
      SENDGRID_FROM: ctx.shared.SENDGRID_FROM,
      EMAIL_LOG_ONLY: ctx.shared.EMAIL_LOG_ONLY,
    },
  })

  return project("beauty-shop", { resources: [cache, server, worker] })
})
