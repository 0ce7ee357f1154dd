/**
 * Global setup of the fault drills: a shop of their own, built and started like the e2e suite's
 * (../e2e/lib/launch.ts: npm run build, migrate, seed, start:server, start:worker in production mode), but on
 * what the drills need to break:
 *
 *   PostgreSQL behind Debian's pgbouncer in transaction mode on port 6543, TLS required and verified against a
 *   throwaway CA, as Supabase's transaction pooler (migrations go to PostgreSQL directly, as through
 *   DATABASE_MIGRATION_URL);
 *   a redis-server of its own on port 19379, with an append-only file, as a Railway Redis with a volume, so a
 *   restart keeps what was queued;
 *   a second one on port 19380 as the cache Redis (CACHE_REDIS_URL), evicting (allkeys-lru) and also with an
 *   append-only file, so a restarted cache Redis comes back with the answers it held.
 *
 * All three are recorded in shop.json (`pids`, `owned`) so a drill can stop and start them again (./lib/owned.ts) and
 * the teardown stops whichever runs then.
 */
import { randomBytes } from "node:crypto"
import { chmodSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { ensurePgbouncerInstalled, startPooler } from "../helpers/pgbouncer"
import { makeCertificates } from "../helpers/tls"
import { freshResults, launchShop } from "../e2e/lib/launch"
import { waitForRedis } from "../helpers/redis-server"
import { CACHE_REDIS_PORT, DRILL_PORTS, POOLER_HOST, REDIS_PORT, STOREFRONT_NETWORK } from "./lib/ports"

const secret = () => randomBytes(18).toString("hex")

export default async function globalSetup(): Promise<void> {
  ensurePgbouncerInstalled()
  const tracker = freshResults()
  // pgbouncer runs as the postgres OS user and must reach its files in here.
  const scratch = mkdtempSync(join(tmpdir(), "beauty-drills-"))
  chmodSync(scratch, 0o755)
  const database = `beauty_drills_${Date.now()}`

  mkdirSync(join(scratch, "tls"))
  const certificates = makeCertificates(join(scratch, "tls"), POOLER_HOST)
  const pooler = await startPooler(tracker, {
    name: "pooler",
    dir: join(scratch, "pgbouncer"),
    listenAddress: POOLER_HOST,
    port: 6543,
    poolMode: "transaction",
    maxClients: 200,
    realDatabase: database,
    user: "postgres.drills",
    password: `db-${secret()}`,
    adminUser: "pooler_admin",
    adminPassword: secret(),
    certificates,
  })

  const redisDir = join(scratch, "redis")
  mkdirSync(redisDir)
  const redisCommand =
    `exec redis-server --port ${REDIS_PORT} --bind 127.0.0.1 --save "" ` +
    `--appendonly yes --appendfsync always --dir ${redisDir}`
  const redis = tracker.start("redis", redisCommand, { cwd: redisDir, env: { PATH: process.env.PATH } })
  const redisUrl = `redis://127.0.0.1:${REDIS_PORT}`
  await waitForRedis(redisUrl, 10_000).catch((error) => {
    throw new Error(`${error.message} (is redis-server installed? apt-get install -y redis-server)\n${redis.output()}`)
  })
  const cacheRedisDir = join(scratch, "cache-redis")
  mkdirSync(cacheRedisDir)
  const cacheRedisCommand =
    `exec redis-server --port ${CACHE_REDIS_PORT} --bind 127.0.0.1 --save "" --appendonly yes ` +
    `--maxmemory 256mb --maxmemory-policy allkeys-lru --dir ${cacheRedisDir}`
  const cacheRedis = tracker.start("cache-redis", cacheRedisCommand, {
    cwd: cacheRedisDir,
    env: { PATH: process.env.PATH },
  })
  await waitForRedis(`redis://127.0.0.1:${CACHE_REDIS_PORT}`, 10_000).catch((error) => {
    throw new Error(`${error.message}\n${cacheRedis.output()}`)
  })

  await launchShop(tracker, {
    serverPort: DRILL_PORTS.server,
    workerPort: DRILL_PORTS.worker,
    redisUrl,
    database,
    env: {
      DATABASE_URL: pooler.url,
      DATABASE_MIGRATION_URL: `postgres://postgres@localhost:5432/${database}`,
      DATABASE_CA_CERT: readFileSync(certificates.caCert, "utf8"),
      // A storefront the shop trusts: by its secret, or by its address (../drills/lib/storefront.ts).
      STOREFRONT_SECRET: secret() + secret(),
      STOREFRONT_ADDRESSES: STOREFRONT_NETWORK,
      CACHE_REDIS_URL: `redis://127.0.0.1:${CACHE_REDIS_PORT}`,
    },
    pids: { redis: redis.pid, pooler: pooler.process.pid, cacheRedis: cacheRedis.pid },
    owned: {
      redis: { command: redisCommand, cwd: redisDir },
      cacheRedis: { command: cacheRedisCommand, cwd: cacheRedisDir },
      pooler: { command: pooler.command, cwd: pooler.options.dir },
    },
    scratch: [scratch],
  })
}
