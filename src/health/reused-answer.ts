/**
 * Wraps an async check so that callers arriving while it runs share that run,
 * and callers within `freshMs` of its end get its result. GET /health/ready
 * is public (Railway's healthcheck cannot send credentials), so without this
 * every request would cost a database and a Redis round trip: a flood of
 * requests then becomes at most one check per `freshMs` per process.
 */
export function reusedAnswer<T>(check: () => Promise<T>, freshMs: number, now: () => number = Date.now) {
  let running: Promise<T> | undefined
  let last: { at: number; value: T } | undefined
  return (): Promise<T> => {
    if (last && now() - last.at < freshMs) {
      return Promise.resolve(last.value)
    }
    running ??= check()
      .then((value) => {
        last = { at: now(), value }
        return value
      })
      .finally(() => {
        running = undefined
      })
    return running
  }
}
