import { checkDatabase, checkRedis, type RedisTarget } from "./live-checks"
import { exitCode, formatTable, pass, type CheckResult } from "./report"
import { staticChecks, type StaticInput } from "./static-checks"

/** The whole doctor: static checks, then the live ones the variables allow. */
export async function runDoctor(
  input: StaticInput
): Promise<{ results: CheckResult[]; table: string; code: 0 | 1 | 2 }> {
  const { results, database, migrationDatabase, redis, cacheRedis } = staticChecks(input)
  const live: Array<Promise<CheckResult[]>> = []
  if (database) {
    live.push(checkDatabase("database (DATABASE_URL)", database).then((r) => [r]))
    if (migrationDatabase) {
      live.push(checkDatabase("database (DATABASE_MIGRATION_URL)", migrationDatabase).then((r) => [r]))
    }
  } else if (!input.env.DATABASE_URL) {
    results.push(pass("database", "DATABASE_URL not set (npm run dev uses an embedded PostgreSQL)"))
  }
  if (redis) {
    // The eviction policy belongs to the server: another database index on it shares it.
    const ownServer =
      cacheRedis && `${cacheRedis.host}:${cacheRedis.port}` !== `${redis.host}:${redis.port}` ? cacheRedis : undefined
    const targets: RedisTarget[] = ownServer
      ? [
          { variable: "REDIS_URL", role: "queues", settings: redis },
          { variable: "CACHE_REDIS_URL", role: "cache", settings: ownServer },
        ]
      : [{ variable: "REDIS_URL", role: "queues-and-cache", settings: redis }]
    live.push(...targets.map(checkRedis))
  }
  results.push(...(await Promise.all(live)).flat())
  return { results, table: formatTable(results), code: exitCode(results) }
}
