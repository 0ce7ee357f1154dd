// @ts-check
/** The steps of `npm run migrate`, each a `medusa` command that must exit 0. */

/** @typedef {{ name: string, args: string[] }} Step */

/** @type {Step[]} */
export const MIGRATION_STEPS = [
  {
    name: "module migrations and links (medusa db:migrate --skip-scripts --execute-safe-links)",
    args: ["db:migrate", "--skip-scripts", "--execute-safe-links"],
  },
  { name: "migration scripts (medusa db:migrate:scripts)", args: ["db:migrate:scripts"] },
]

/**
 * Runs the steps in order and stops at the first that does not exit 0.
 * @param {Step[]} steps
 * @param {(step: Step) => { status: number | null, signal?: NodeJS.Signals | null, error?: Error }} run
 * @returns {string | undefined} the one-line failure, or undefined when every step passed
 */
export function runSteps(steps, run) {
  for (const [index, step] of steps.entries()) {
    const result = run(step)
    if (result.status !== 0) {
      const how = result.error ? result.error.message : `exit ${result.status ?? result.signal}`
      return `migration failed at step ${index + 1} of ${steps.length}, ${step.name}: ${how}`
    }
  }
  return undefined
}
