import { isProduction } from "../config/env"

/**
 * The NODE_ENV an unset variable means on a deploy. `npm run start:server`,
 * `start:worker`, `start` and `migrate` (scripts/start.mjs, scripts/migrate.mjs)
 * run Medusa with `NODE_ENV || "production"`, because Railway sets no NODE_ENV.
 */
export const DEPLOY_NODE_ENV = "production"

export interface JudgedEnvironment {
  env: Record<string, string | undefined>
  production: boolean
  /** Which NODE_ENV is judged and why, for the report. */
  note: string
}

/**
 * The environment the doctor judges is the one the start scripts run with:
 * production unless NODE_ENV says otherwise, or development when asked for
 * with --development (a local setup).
 */
export function judgedEnvironment(
  env: Record<string, string | undefined>,
  options: { development: boolean }
): JudgedEnvironment {
  const given = env.NODE_ENV?.trim() || undefined
  if (options.development) {
    return { env: { ...env, NODE_ENV: "development" }, production: false, note: "development (--development)" }
  }
  if (given === undefined) {
    return {
      env: { ...env, NODE_ENV: DEPLOY_NODE_ENV },
      production: true,
      note: "production (NODE_ENV unset; the start and migrate scripts run it as production; --development checks a local setup)",
    }
  }
  const production = isProduction({ NODE_ENV: given })
  return { env, production, note: `${production ? "production" : "development"} (NODE_ENV=${given})` }
}
