/**
 * Global setup of the end-to-end suite: the built shop, seeded and running as server and worker in production
 * mode on the machine's PostgreSQL and Redis (database 13, and database 14 as the cache Redis, CACHE_REDIS_URL, so
 * the store cache shares its answers between replicas as in production), started by ./lib/launch.ts.
 */
import { freshResults, launchShop } from "./lib/launch"

export default async function globalSetup(): Promise<void> {
  await launchShop(freshResults(), {
    serverPort: 19200,
    workerPort: 19201,
    redisUrl: "redis://127.0.0.1:6379/13",
    env: { CACHE_REDIS_URL: "redis://127.0.0.1:6379/14" },
  })
}
