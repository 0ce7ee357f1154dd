/**
 * Global setup of the end-to-end suite: the built shop, seeded and running as server and worker in production
 * mode on the machine's PostgreSQL and Redis (database 13), started by ./lib/launch.ts.
 */
import { freshResults, launchShop } from "./lib/launch"

export default async function globalSetup(): Promise<void> {
  await launchShop(freshResults(), { serverPort: 19200, workerPort: 19201, redisUrl: "redis://127.0.0.1:6379/13" })
}
