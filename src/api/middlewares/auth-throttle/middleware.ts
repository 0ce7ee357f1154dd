import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import Redis from "ioredis"
import { AUTH_ACTORS, AUTH_PROVIDERS, authThrottleSettings } from "../../../config/auth-throttle"
import { parseEnv } from "../../../config/env"
import { maskSecretsInText } from "../../../config/mask"
import { storefrontAddressList } from "../../../config/storefront"
import { resolveAuthRoute, type AuthAction } from "./auth-route"
import { clientAddressOf, type StorefrontTrust } from "./client-address"
import { MemoryCounterStore, RedisCounterStore, type CounterStore } from "./counter-store"
import { AuthThrottle, type Attempt, type Outcome } from "./throttle"

const REPORT_EVERY_MS = 60_000

let state: { throttle: AuthThrottle; trust: StorefrontTrust } | undefined
let refused = 0
let lastStoreError = 0

function log(req: MedusaRequest, level: "info" | "warn", line: string): void {
  req.scope.resolve(ContainerRegistrationKeys.LOGGER)[level](`[auth-throttle] ${maskSecretsInText(line)}`)
}

/**
 * One throttle per server process, on the Redis of the app's config (the sessions' Redis), so every replica
 * counts the same attempts; in memory when there is no Redis. A command waits for the connection (the first
 * login of a process comes before it is up) but at most a second, so a login never hangs on a Redis that is away.
 */
function stateFor(req: MedusaRequest) {
  if (state) return state
  const { projectConfig } = req.scope.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const settings = authThrottleSettings(parseEnv(process.env))
  setInterval(() => {
    if (refused === 0) return
    log(req, "warn", `${refused} login, registration or password-reset attempts refused with 429 in the last 60 s`)
    refused = 0
  }, REPORT_EVERY_MS).unref()
  return (state = {
    throttle: new AuthThrottle(counterStore(projectConfig), settings.limits),
    trust: { secret: settings.storefrontSecret, addresses: storefrontAddressList(settings.storefrontAddresses) },
  })
}

function counterStore({ redisUrl, redisOptions }: { redisUrl?: string; redisOptions?: object }): CounterStore {
  if (!redisUrl) return new MemoryCounterStore()
  const redis = new Redis(redisUrl, {
    ...(redisOptions ?? {}),
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    commandTimeout: 1000,
  })
  redis.on("error", () => undefined) // reported where a command fails
  return new RedisCounterStore(redis)
}

/** Without Redis the throttle lets attempts through (logins need no Redis) and says so, once a minute at most. */
function storeFailed(req: MedusaRequest, error: unknown): void {
  if (Date.now() - lastStoreError < REPORT_EVERY_MS) return
  lastStoreError = Date.now()
  log(req, "warn", `cannot reach its Redis (${(error as Error).message}); login attempts are not limited meanwhile`)
}

/** The email an attempt names: `email` for logins and registrations, `identifier` for reset requests. */
function accountOf(action: AuthAction, body: unknown): string | undefined {
  const fields = (body && typeof body === "object" ? body : {}) as Record<string, unknown>
  const named = action === "reset" ? fields.identifier : fields.email
  return typeof named === "string" ? named : undefined
}

function outcomeOf(status: number): Outcome {
  if (status === 401) return "failure"
  return status >= 200 && status < 300 ? "success" : "neither"
}

/**
 * The throttle for every way Medusa's auth routes try a password, mounted on all of /auth for every method
 * (./auth-route.ts says how a request is matched to a route). It also answers 404 for an actor type or auth
 * provider this shop does not have, which Medusa would try to resolve and fail on with a server error.
 */
export async function authThrottle(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (req.method === "OPTIONS") return next()
  const route = resolveAuthRoute(req.originalUrl, { actors: AUTH_ACTORS, providers: AUTH_PROVIDERS }, req.method)
  if (!route || route.kind === "other") return next()
  if (route.kind === "unknown") {
    res.status(404).json({ type: "not_found", message: route.message })
    return
  }
  const { throttle, trust } = stateFor(req)
  const attempt: Attempt = {
    action: route.action,
    account: accountOf(route.action, req.body),
    client: clientAddressOf(req, trust),
  }
  try {
    const verdict = await throttle.begin(attempt)
    if (!verdict.allowed) {
      refused += 1
      res.setHeader("Retry-After", String(verdict.retryAfterSeconds))
      res.status(429).json({
        type: "too_many_attempts",
        message: `Too many attempts for this ${verdict.limit}; try again in ${verdict.retryAfterSeconds} s`,
      })
      return
    }
  } catch (error) {
    storeFailed(req, error)
    return next()
  }
  res.once("finish", () => {
    throttle.settle(attempt, outcomeOf(res.statusCode)).catch((error) => storeFailed(req, error))
  })
  next()
}
