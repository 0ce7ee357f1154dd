import { mkdirSync, rmSync } from "node:fs"
import { join } from "node:path"
import Redis from "ioredis"
import { ensurePgbouncerInstalled, startPooler, type Pooler } from "../../helpers/pgbouncer"
import { startS3Server, type ThrowawayS3 } from "../../helpers/s3-server"
import { makeCertificates } from "../../helpers/tls"
import { postgres } from "./rehearsal-postgres"
import { DB_PASSWORD, POOLER_HOST, REAL_DATABASE, REDIS_URL, RESULTS, secret, tracker, work } from "./rehearsal-setting"

// The first phase: what Railway and Supabase provide before a deploy starts. A database, a Redis database and a
// bucket, the database reached only through two TLS poolers the way Supabase offers it.

/** What the services reach, as production's variables point them at it. */
export interface Infrastructure {
  /** DATABASE_URL: transaction mode, TLS, on the "remote" 127.0.0.2:6543, like Supabase's transaction pooler. */
  txPooler: Pooler
  /** DATABASE_MIGRATION_URL: session mode, at most 15 clients, like Supabase's session pooler. */
  sessionPooler: Pooler
  /** The bucket both services store files in, as on Supabase Storage. */
  s3: ThrowawayS3
}

/**
 * Empties the Redis database, creates the real database and starts the bucket and both poolers, with TLS
 * certificates from a throwaway CA. The bucket is closed here when a later step fails, since afterAll only
 * closes the one this returns.
 */
export async function prepareInfrastructure(): Promise<Infrastructure> {
  ensurePgbouncerInstalled()
  mkdirSync(RESULTS, { recursive: true })
  await new Redis(REDIS_URL).flushdb().catch((e) => {
    throw new Error(`Redis is not reachable at 127.0.0.1:6379 (${e.message}); start it: redis-server --daemonize yes`)
  })
  await postgres(`CREATE DATABASE ${REAL_DATABASE}`)
  const s3 = await startS3Server()
  try {
    return { ...(await startPoolers()), s3 }
  } catch (error) {
    await s3.close()
    throw error
  }
}

/** Both poolers in front of the real database, with the same user and certificates, as Supabase has them. */
async function startPoolers(): Promise<Pick<Infrastructure, "txPooler" | "sessionPooler">> {
  mkdirSync(join(work, "tls"))
  const certificates = makeCertificates(join(work, "tls"), POOLER_HOST)
  const common = {
    listenAddress: POOLER_HOST,
    realDatabase: REAL_DATABASE,
    user: "postgres.rehearsal",
    password: DB_PASSWORD,
    adminUser: "pooler_admin",
    adminPassword: secret(),
    certificates,
  }
  const txPooler = await startPooler(tracker, {
    ...common,
    name: "transaction",
    dir: join(work, "pgbouncer-tx"),
    port: 6543,
    poolMode: "transaction",
    maxClients: 200,
  })
  const sessionPooler = await startPooler(tracker, {
    ...common,
    name: "session",
    dir: join(work, "pgbouncer-session"),
    port: 5432,
    poolMode: "session",
    maxClients: 15,
  })
  return { txPooler, sessionPooler }
}

/** Drops the real database, empties the Redis database and deletes the work folder, so no run leaves data behind. */
export async function removeInfrastructure(): Promise<void> {
  await postgres(`DROP DATABASE IF EXISTS ${REAL_DATABASE} WITH (FORCE)`).catch(() => undefined)
  const redis = new Redis(REDIS_URL)
  await redis.flushdb().catch(() => undefined)
  redis.disconnect()
  rmSync(work, { recursive: true, force: true })
}
