import { createServer, type Server } from "node:http"
import { describePending, type PendingMigrations } from "./pending-migrations"

/**
 * The start scripts' wait for `npm run migrate` (scripts/start.mjs): Railway
 * starts the worker as soon as its build is done, while the server's
 * pre-deploy migration may still run, and Medusa's boot fails on a schema that
 * is not migrated yet. So the start script checks, waits while something is
 * pending, and only then starts Medusa, in the same process (no restart, so
 * Railway's restart budget is not spent on waiting).
 */

export interface WaitStatus {
  /** Why the process is not ready yet, for the log and the readiness body. */
  reason: string
}

export interface WaitOptions {
  /** Resolves with what is pending; rejects when the database cannot be asked. */
  check: () => Promise<PendingMigrations>
  limitMs: number
  /** How long one check may take; a database that accepts no connection leaves the driver waiting. */
  checkTimeoutMs?: number
  pollMs?: number
  progressEveryMs?: number
  log?: (line: string) => void
  /** Called with each new reason while waiting (the readiness answer). */
  onStatus?: (status: WaitStatus) => void | Promise<void>
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

export type WaitResult = { ok: true; waitedMs: number } | { ok: false; message: string }

const seconds = (ms: number) => Math.round(ms / 1000)

function reasonFor(pending: PendingMigrations): string {
  return `waiting for ${pending.total} pending migration${pending.total === 1 ? "" : "s"}`
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${seconds(ms)} s`)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

/** A check error without connection strings (drivers like to quote them). */
export function describeCheckError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message
    .split("\n")[0]
    .replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>")
    .slice(0, 200)
}

/**
 * Checks until nothing is pending or the limit has passed. Logs one line when
 * it starts waiting, one every progressEveryMs, one when done; says nothing
 * when nothing was pending to begin with.
 */
export async function waitForMigrations(options: WaitOptions): Promise<WaitResult> {
  const log = options.log ?? ((line: string) => console.log(line))
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const pollMs = options.pollMs ?? 1_000
  const progressEveryMs = options.progressEveryMs ?? 15_000
  const checkTimeoutMs = options.checkTimeoutMs ?? 10_000
  const started = now()
  let waiting = false
  let lastProgress = started
  for (;;) {
    let pending: PendingMigrations | undefined
    let status: string
    try {
      pending = await withTimeout(options.check(), checkTimeoutMs)
      status = describePending(pending)
    } catch (error) {
      status = `the database cannot be asked (${describeCheckError(error)})`
    }
    const elapsed = now() - started
    if (pending && pending.total === 0) {
      if (waiting) {
        log(`[start] migrations applied after ${seconds(elapsed)} s; starting Medusa`)
      }
      return { ok: true, waitedMs: elapsed }
    }
    await options.onStatus?.({ reason: pending ? reasonFor(pending) : "waiting for the database" })
    if (!waiting) {
      waiting = true
      lastProgress = now()
      log(
        `[start] waiting for migrations: ${status} (npm run migrate runs them) — at most ${seconds(options.limitMs)} s`
      )
    } else if (now() - lastProgress >= progressEveryMs) {
      lastProgress = now()
      log(`[start] still waiting for migrations: ${status} (${seconds(elapsed)} s of ${seconds(options.limitMs)} s)`)
    }
    if (elapsed >= options.limitMs) {
      return {
        ok: false,
        message: pending
          ? `migrations still not applied after ${seconds(options.limitMs)} s: ${status}; the server's pre-deploy npm run migrate applies them (see its log)`
          : `could not check for pending migrations within ${seconds(options.limitMs)} s: ${status}`,
      }
    }
    await sleep(Math.min(pollMs, Math.max(options.limitMs - elapsed, 0)))
  }
}

/**
 * What the process answers on PORT while it waits: readiness 503 with the
 * reason, liveness 200 (the process is alive and doing what it should).
 */
export function waitingResponse(method: string | undefined, url: string | undefined, reason: string) {
  const path = (url ?? "/").split("?")[0]
  if (method === "GET" && path === "/health") {
    return { status: 200, contentType: "text/plain; charset=utf-8", body: "OK" }
  }
  return {
    status: 503,
    contentType: "application/json; charset=utf-8",
    body: JSON.stringify({ status: "starting", reason }),
  }
}

export interface WaitingListener {
  setReason: (reason: string) => void
  /** Closes the listener and every open connection, so Medusa can listen on the port. */
  close: () => Promise<void>
}

/**
 * Listens on the port Medusa will listen on while the process waits, so a
 * healthcheck gets an answer with the reason instead of a refused connection.
 * When the port cannot be taken it says so and the wait goes on without it.
 */
export function listenWhileWaiting(
  port: number,
  initialReason: string,
  log = (line: string) => console.log(line)
): Promise<WaitingListener> {
  let reason = initialReason
  const server: Server = createServer((req, res) => {
    const answer = waitingResponse(req.method, req.url, reason)
    res.writeHead(answer.status, {
      "content-type": answer.contentType,
      "cache-control": "no-store",
      connection: "close",
    })
    res.end(answer.body)
  })
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  return new Promise((resolve) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      log(`[start] warning: cannot answer on port ${port} while waiting (${error.code ?? error.message})`)
      resolve({ setReason: () => undefined, close: async () => undefined })
    })
    server.listen(port, () => resolve({ setReason: (r) => (reason = r), close }))
  })
}
