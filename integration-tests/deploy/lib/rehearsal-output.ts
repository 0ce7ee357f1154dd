import type { Tracked } from "../../helpers/processes"

// Reading what the rehearsal's processes print: the steps fail with their own words, and the tests wait for what
// a service logs when it does its work.

/** Fails with the step's last output lines, so a broken step explains itself. */
export function expectSuccess(step: { name: string; code: number | null; output: string }): void {
  if (step.code !== 0) {
    throw new Error(`${step.name} exited with ${step.code}:\n${step.output.slice(-4000)}`)
  }
}

/** The first log line matching the pattern, once the service printed it; fails after the timeout. */
export async function waitForLog(service: Tracked, pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const match = service.output().match(pattern)
    if (match) {
      return match[0]
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`${service.name}: no log line matching ${pattern} within ${timeoutMs / 1000} s`)
}
