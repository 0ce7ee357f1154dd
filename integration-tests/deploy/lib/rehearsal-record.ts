import { cpSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { RESULTS, work } from "./rehearsal-setting"

/**
 * What the rehearsal measures (durations, memory, pooler clients, the shutdown's jobs). The phases and the tests
 * add to it as they go, so a run that fails half-way still keeps what it measured up to there.
 */
export const figures: Record<string, string | number | undefined> = {}

/** The log of every step that may have run, by the name the tracker started it under. */
const LOGS = [
  "install",
  "build",
  "migrate",
  "migrate-again",
  "migrate-without-session-url",
  "migrate-failing-script",
  "store-setup",
  "server",
  "worker",
  "worker-second",
  "worker-restarted",
  "pgbouncer-transaction",
  "pgbouncer-session",
]

/**
 * Copies the logs and writes the figures to test-results/deploy-rehearsal, and prints the figures: the work
 * folder is deleted afterwards, and a failed deploy is explained by its logs.
 */
export function keepRecord(): void {
  for (const name of LOGS) {
    try {
      cpSync(join(work, `${name}.log`), join(RESULTS, `${name}.log`))
    } catch {
      // that step did not run
    }
  }
  writeFileSync(join(RESULTS, "figures.json"), JSON.stringify(figures, null, 2))
  console.log(
    ["deploy rehearsal figures:", ...Object.entries(figures).map(([k, v]) => `  ${k}: ${v ?? "n/a"}`)].join("\n")
  )
}
