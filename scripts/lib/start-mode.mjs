// @ts-check
/** The start modes and the rule that keeps MEDUSA_WORKER_MODE from contradicting the start command. */

export const MODES = ["server", "worker", "shared"]

/** @param {string} mode */
export function startCommand(mode) {
  return mode === "shared" ? "npm start" : `npm run start:${mode}`
}

/**
 * The start command sets MEDUSA_WORKER_MODE for Medusa, so a different value
 * on the service would be silently overridden: the service would run as
 * something other than its variables say. Unset or the same value is fine.
 * @param {string} mode
 * @param {string | undefined} variable
 * @returns {string | undefined} the one-line error, or undefined
 */
export function workerModeConflict(mode, variable) {
  if (variable === undefined || variable === "" || variable === mode) {
    return undefined
  }
  const instead = MODES.includes(variable) ? ` or use ${startCommand(variable)}` : ""
  return `MEDUSA_WORKER_MODE=${variable} conflicts with ${startCommand(mode)} (${mode} mode); remove the variable${instead}`
}
