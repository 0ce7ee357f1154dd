import { separateCacheRedis } from "../config/caches"
import { parseEnvCollectingErrors } from "../config/env"
import { checkDatabase, checkRedis, type RedisTarget } from "./live-checks"
import { exitCode, formatTable, pass, warn, type CheckResult } from "./report"
import { staticChecks, type StaticInput } from "./static-checks"

/** The whole doctor: static checks, then the live ones the variables allow. */
export async function runDoctor(
  input: StaticInput
): Promise<{ results: CheckResult[]; table: string; code: 0 | 1 | 2 }> {
  const { results, database, migrationDatabase, redis } = staticChecks(input)
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
    const cacheRedis = separateCache(input.env)
    for (const warning of cacheRedis?.warnings ?? []) {
      results.push(warn("configuration", warning.message, warning.fix))
    }
    // Another database index on the same server shares its eviction policy.
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

/** CACHE_REDIS_URL's settings when valid and separate; an invalid one is a config row already. */
function separateCache(env: StaticInput["env"]) {
  try {
    return separateCacheRedis(parseEnvCollectingErrors(env).env ?? {})
  } catch {
    return undefined
  }
}
