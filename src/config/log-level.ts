/**
 * The levels of Medusa's logger (winston's npm levels), most severe first.
 * Medusa reads LOG_LEVEL and defaults to "http"; the config module's own
 * lines follow the same setting, so `LOG_LEVEL=error` leaves stdout to what
 * a command prints on purpose (`npm run -s publishable-key`).
 */
export const LOG_LEVELS = ["error", "warn", "info", "http", "verbose", "debug", "silly"] as const

export type LogLevel = (typeof LOG_LEVELS)[number]

const DEFAULT_LEVEL: LogLevel = "http"

/**
 * Whether a line of `level` is printed when LOG_LEVEL is `configured`; an
 * unknown setting prints everything. The config refuses any LOG_LEVEL other
 * than the LOG_LEVELS (./env.ts), so that case is only reached by a caller
 * that did not validate the environment first.
 */
export function printsAt(level: LogLevel, configured: string | undefined): boolean {
  const threshold = LOG_LEVELS.indexOf((configured?.trim().toLowerCase() || DEFAULT_LEVEL) as LogLevel)
  return threshold === -1 || LOG_LEVELS.indexOf(level) <= threshold
}
