import { detectPooler, parseDatabaseUrl, type PoolerKind } from "./database"
import { ConfigError } from "./errors"

export interface MigrationTarget {
  url: string
  variable: "DATABASE_MIGRATION_URL" | "DATABASE_URL"
  pooler: PoolerKind
}

const WHY = "which breaks the session advisory locks migrations take"
const FIX = "use Supabase's session pooler (same host, port 5432) or the direct connection"

/**
 * Which URL `npm run migrate` may use: DATABASE_MIGRATION_URL, else a
 * DATABASE_URL that is not a transaction pooler. The one rule that the
 * migrate script enforces and `npm run doctor` reports.
 */
export function migrationTarget(env: { DATABASE_URL?: string; DATABASE_MIGRATION_URL?: string }): MigrationTarget {
  const candidates = [
    ["DATABASE_MIGRATION_URL", env.DATABASE_MIGRATION_URL?.trim()],
    ["DATABASE_URL", env.DATABASE_URL?.trim()],
  ] as const
  const found = candidates.find(([, url]) => url)
  if (!found) {
    throw new ConfigError("DATABASE_MIGRATION_URL", "neither it nor DATABASE_URL is set; nothing to migrate")
  }
  const [variable, url] = found as [MigrationTarget["variable"], string]
  const parsed = parseDatabaseUrl(url, variable)
  const pooler = detectPooler(parsed.host, parsed.port)
  if (pooler === "transaction") {
    throw new ConfigError(
      "DATABASE_MIGRATION_URL",
      variable === "DATABASE_MIGRATION_URL"
        ? `points at a transaction pooler (port 6543), ${WHY}; ${FIX}`
        : `is not set and DATABASE_URL is a transaction pooler (port 6543), ${WHY}; set DATABASE_MIGRATION_URL: ${FIX}`
    )
  }
  return { url, variable, pooler }
}
