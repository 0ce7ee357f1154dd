import type { WorkerMode } from "./env"

export interface ModeSettings {
  workerMode: WorkerMode
  adminDisabled: boolean
  /** Why the admin is off, for the startup log. */
  adminDisabledBecause?: string
  /** Subscribers and scheduled jobs run here (worker or shared). */
  runsSubscribers: boolean
}

/**
 * `server` serves HTTP (Store API, Admin API, admin dashboard); `worker` runs
 * subscribers, scheduled jobs and workflow steps; `shared` does both in one
 * process (local development, or a deliberately small single-service setup).
 * The worker never serves the admin: its bundle would be dead weight and
 * `medusa start` would look for an index.html it has no reason to have.
 */
export function modeSettings(workerMode: WorkerMode | undefined, disableAdmin: boolean | undefined): ModeSettings {
  const mode = workerMode ?? "shared"
  const runsSubscribers = mode !== "server"
  if (mode === "worker") {
    return { workerMode: mode, adminDisabled: true, adminDisabledBecause: "MEDUSA_WORKER_MODE=worker", runsSubscribers }
  }
  if (disableAdmin) {
    return { workerMode: mode, adminDisabled: true, adminDisabledBecause: "DISABLE_MEDUSA_ADMIN=true", runsSubscribers }
  }
  return { workerMode: mode, adminDisabled: false, runsSubscribers }
}
