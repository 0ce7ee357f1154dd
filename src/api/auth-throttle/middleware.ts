import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import Redis from "ioredis"
import { authThrottleSettings } from "../../config/auth-throttle"
import { parseEnv } from "../../config/env"
import { maskSecretsInText } from "../../config/mask"
import { MemoryCounterStore, RedisCounterStore, type CounterStore } from "./counter-store"
import { AuthThrottle, type Attempt, type Outcome } from "./throttle"

/**
 * - login: POST /auth/{user,customer}/emailpass; a 401 is a failure, a 2xx a success;
 * - reset: POST /auth/…/emailpass/reset-password; every request counts (each may send an email);
 * - update: POST /auth/…/emailpass/update (a new password with a reset token); a 401 is a failure.
 */
export type AuthRoute = "login" | "reset" | "update"

const REPORT_EVERY_MS = 60_000

let throttle: AuthThrottle | undefined
let refused = 0
let lastStoreError = 0

function log(req: MedusaRequest, level: "info" | "warn", line: string): void {
  req.scope.resolve(ContainerRegistrationKeys.LOGGER)[level](`[auth-throttle] ${maskSecretsInText(line)}`)
}

/**
 * One throttle per server process, on the Redis of the app's config (the
 * sessions' Redis), so every replica counts the same attempts; in memory
 * when there is no Redis. A command waits for the connection (the first
 * login of a process comes before it is up) but at most a second, so a login
 * never hangs on a Redis that is away.
 */
function throttleFor(req: MedusaRequest): AuthThrottle {
  if (throttle) return throttle
  const { projectConfig } = req.scope.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  setInterval(() => {
    if (refused === 0) return
    log(req, "warn", `${refused} login or password-reset attempts refused with 429 in the last 60 s`)
    refused = 0
  }, REPORT_EVERY_MS).unref()
  return (throttle = new AuthThrottle(counterStore(projectConfig), authThrottleSettings(parseEnv(process.env))))
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

function attemptOf(route: AuthRoute, req: MedusaRequest): Attempt {
  const body = (req.body ?? {}) as Record<string, unknown>
  const named = route === "login" ? body.email : route === "reset" ? body.identifier : undefined
  return {
    actor: String(req.params.actor ?? ""),
    account: typeof named === "string" && named.length <= 320 ? named : undefined,
    address: req.ip ?? req.socket.remoteAddress ?? "",
  }
}

function outcomeOf(route: AuthRoute, status: number): Outcome {
  if (route === "reset" || status === 401) return "failure"
  return route === "login" && status >= 200 && status < 300 ? "success" : "neither"
}

export function throttleAuth(route: AuthRoute) {
  return async function authThrottle(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
    const current = throttleFor(req)
    const attempt = attemptOf(route, req)
    try {
      const verdict = await current.begin(attempt)
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
      current.settle(attempt, outcomeOf(route, res.statusCode)).catch((error) => storeFailed(req, error))
    })
    next()
  }
}
