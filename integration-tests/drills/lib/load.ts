// autocannon ships no types; the part used here is typed as its README documents it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require("autocannon") as (options: Record<string, unknown>) => AutocannonInstance

interface AutocannonInstance {
  on(event: "response", listener: (client: unknown, statusCode: number) => void): AutocannonInstance
  on(event: "reqError", listener: (error: Error & { code?: string }) => void): AutocannonInstance
  on(event: "done", listener: (result: unknown) => void): AutocannonInstance
  stop(): void
}

/** One outcome under load: an HTTP status, or 0 with the error's code for a request that got no answer. */
export interface Outcome {
  at: number
  status: number
  error?: string
}

/**
 * Steady load on one URL (autocannon, `connections` keep-alive connections, each sending its next request as
 * soon as the last is answered, 5 s timeout) until stopped; resolves with every outcome in order.
 */
export function steadyLoad(url: string, headers: Record<string, string>, connections = 10) {
  const outcomes: Outcome[] = []
  const instance = autocannon({ url, headers, connections, duration: 600, timeout: 5 })
  instance.on("response", (_client, statusCode) => outcomes.push({ at: Date.now(), status: statusCode }))
  instance.on("reqError", (error) => outcomes.push({ at: Date.now(), status: 0, error: error.code ?? error.message }))
  const done = new Promise((resolve) => instance.on("done", resolve))
  return {
    outcomes,
    stop: async () => {
      instance.stop()
      await done
      return outcomes
    },
  }
}

/** Answers per whole second from `from`: [n in second 0, n in second 1, …], counting only those that pass. */
export function perSecond(outcomes: Outcome[], from: number, to: number, pass: (o: Outcome) => boolean): number[] {
  const seconds = Array.from({ length: Math.ceil((to - from) / 1000) }, () => 0)
  for (const outcome of outcomes) {
    const second = Math.floor((outcome.at - from) / 1000)
    if (second >= 0 && second < seconds.length && pass(outcome)) seconds[second] += 1
  }
  return seconds
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0
}
