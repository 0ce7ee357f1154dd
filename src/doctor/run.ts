import { checkDatabase, checkRedis } from "./live-checks"
import { exitCode, formatTable, pass, type CheckResult } from "./report"
import { staticChecks, type StaticInput } from "./static-checks"

/** The whole doctor: static checks, then the live ones the variables allow. */
export async function runDoctor(input: StaticInput): Promise<{ results: CheckResult[]; table: string; code: 0 | 1 | 2 }> {
  const { results, database, migrationDatabase, redis } = staticChecks(input)
  const live: Array<Promise<CheckResult>> = []
  if (database) {
    live.push(checkDatabase("database (DATABASE_URL)", database))
    if (migrationDatabase) {
      live.push(checkDatabase("database (DATABASE_MIGRATION_URL)", migrationDatabase))
    }
  } else if (!input.env.DATABASE_URL) {
    results.push(pass("database", "DATABASE_URL not set (npm run dev uses an embedded PostgreSQL)"))
  }
  if (redis) {
    live.push(checkRedis(redis))
  }
  results.push(...(await Promise.all(live)))
  return { results, table: formatTable(results), code: exitCode(results) }
}
