/**
 * The levels of Medusa's logger (winston's npm levels), most severe first.
 * Medusa reads LOG_LEVEL and defaults to "http"; the config module's own
 * lines follow the same setting, so `LOG_LEVEL=error` leaves stdout to what
 * a command prints on purpose (`npm run -s publishable-key`).
 */
const LEVELS = ["error", "warn", "info", "http", "verbose", "debug", "silly"] as const

export type LogLevel = (typeof LEVELS)[number]

const DEFAULT_LEVEL: LogLevel = "http"

/** Whether a line of `level` is printed when LOG_LEVEL is `configured`; an unknown setting prints everything. */
export function printsAt(level: LogLevel, configured: string | undefined): boolean {
  const threshold = LEVELS.indexOf((configured?.trim().toLowerCase() || DEFAULT_LEVEL) as LogLevel)
  return threshold === -1 || LEVELS.indexOf(level) <= threshold
}
