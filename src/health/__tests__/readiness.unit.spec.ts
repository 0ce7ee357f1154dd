import { readinessReport, runCheck } from "../readiness"

const base = { mode: "server", version: "1.2.3", uptimeSeconds: 12.4, timeoutMs: 50 }
const answers = () => Promise.resolve("PONG")
const hangs = () => new Promise(() => undefined)

describe("readiness", () => {
  it("is ok when the database and Redis answer", async () => {
    const report = await readinessReport({ ...base, database: answers, redis: answers })
    expect(report).toMatchObject({ status: "ok", mode: "server", version: "1.2.3", uptime_s: 12 })
    expect(report.database.ok).toBe(true)
    expect(typeof report.redis.latency_ms).toBe("number")
  })

  it("is unavailable when the database fails, and says why without the connection string", async () => {
    const report = await readinessReport({
      ...base,
      database: () => Promise.reject(new Error("connect ECONNREFUSED for postgres://u:secret@db:6543/postgres\nstack")),
      redis: answers,
    })
    expect(report.status).toBe("unavailable")
    expect(report.database).toEqual({ ok: false, latency_ms: null, detail: "connect ECONNREFUSED for <url>" })
  })

  it("bounds a hanging check by the timeout instead of hanging itself", async () => {
    const report = await readinessReport({ ...base, database: answers, redis: hangs })
    expect(report.status).toBe("unavailable")
    expect(report.redis).toEqual({ ok: false, latency_ms: null, detail: "no answer within 50 ms" })
  })

  it("reports Redis as not configured in development", async () => {
    const report = await readinessReport({ ...base, database: answers })
    expect(report.status).toBe("ok")
    expect(report.redis).toEqual({ ok: true, latency_ms: null, detail: "not configured (development)" })
  })

  it("measures latency in whole milliseconds", async () => {
    const result = await runCheck(() => new Promise((resolve) => setTimeout(resolve, 20)), 1_000)
    expect(result.ok).toBe(true)
    expect(result.latency_ms).toBeGreaterThanOrEqual(19)
    expect(Number.isInteger(result.latency_ms)).toBe(true)
  })
})
