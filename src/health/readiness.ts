/**
 * Readiness: can this process reach what it needs right now? Medusa's own
 * GET /health is a static "OK" (liveness). Railway polls the healthcheck path
 * only while a deploy goes live, so pointing it here keeps a deploy that
 * cannot reach its database or Redis from replacing a working one.
 *
 * Every check is bounded by a timeout, so the endpoint answers even when a
 * dependency hangs; the body carries no URL, host or secret.
 */

export interface CheckResult {
  ok: boolean
  latency_ms: number | null
  /** Present when the check did not pass or did not apply. */
  detail?: string
}

export interface ReadinessReport {
  status: "ok" | "unavailable"
  mode: string
  version: string
  uptime_s: number
  database: CheckResult
  redis: CheckResult
}

/** A probe resolves when the dependency answered and rejects otherwise. */
export type Probe = () => Promise<unknown>

export interface ReadinessInput {
  mode: string
  version: string
  uptimeSeconds: number
  database: Probe
  /** Undefined when no Redis is configured (development only). */
  redis?: Probe
  timeoutMs: number
}

export const DEFAULT_CHECK_TIMEOUT_MS = 2_000

export async function runCheck(probe: Probe, timeoutMs: number): Promise<CheckResult> {
  const started = process.hrtime.bigint()
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
      }),
    ])
    return { ok: true, latency_ms: Number((process.hrtime.bigint() - started) / 1_000_000n) }
  } catch (error) {
    return { ok: false, latency_ms: null, detail: describeFailure(error) }
  } finally {
    clearTimeout(timer)
  }
}

/** A short reason without connection strings (drivers like to quote them). */
function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const firstLine = message.split("\n")[0]
  return firstLine.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>").slice(0, 200)
}

export async function readinessReport(input: ReadinessInput): Promise<ReadinessReport> {
  const [database, redis] = await Promise.all([
    runCheck(input.database, input.timeoutMs),
    input.redis
      ? runCheck(input.redis, input.timeoutMs)
      : Promise.resolve<CheckResult>({ ok: true, latency_ms: null, detail: "not configured (development)" }),
  ])
  return {
    status: database.ok && redis.ok ? "ok" : "unavailable",
    mode: input.mode,
    version: input.version,
    uptime_s: Math.round(input.uptimeSeconds),
    database,
    redis,
  }
}
