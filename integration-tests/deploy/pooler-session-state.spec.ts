/**
 * The app leaves no session state on a transaction pooler's server sessions:
 * after Medusa's own connection code (createPgConnection, with this project's
 * TLS options) has connected through a TLS pgbouncer in transaction mode, the
 * next client of that pooler sees the role's default search_path. The pooler
 * keeps a single server session, so the next client gets the very session the
 * app used.
 */
import { randomBytes } from "node:crypto"
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { ModulesSdkUtils } from "@medusajs/framework/utils"
import { Client } from "pg"
import { databaseSettings } from "../../src/config/database"
import { leaveSearchPathToTheRole } from "../../src/internals/knex-search-path"
import { asPostgres } from "../helpers/postgres"
import { ProcessTracker } from "../helpers/processes"
import { ensurePgbouncerInstalled, startPooler, type Pooler } from "../helpers/pgbouncer"
import { makeCertificates } from "../helpers/tls"

jest.setTimeout(2 * 60 * 1000)

const POOLER_HOST = "127.0.0.5"
const REAL_DATABASE = `beauty_session_state_${Date.now()}`
const work = mkdtempSync(join(tmpdir(), "beauty-session-state-"))
chmodSync(work, 0o755)
const tracker = new ProcessTracker(work)
process.on("exit", () => tracker.killAllNow())

let pooler: Pooler
let caPem = ""

/** Connects and queries the way Medusa's shared connection does, then disconnects. */
async function connectLikeMedusa(): Promise<void> {
  const database = databaseSettings({ DATABASE_URL: pooler.url, DATABASE_CA_CERT: caPem }, () => "")!
  expect(database.pooler).toBe("transaction")
  const knex = ModulesSdkUtils.createPgConnection({
    clientUrl: database.url,
    schema: "public",
    driverOptions: database.driverOptions,
    pool: { min: 0, max: 1 },
  })
  await knex.raw("select 1")
  await knex.destroy()
}

async function searchPathSeenByTheNextClient(): Promise<string> {
  const client = new Client({ connectionString: pooler.url, ssl: { ca: caPem, rejectUnauthorized: true } })
  await client.connect()
  try {
    return (await client.query("show search_path")).rows[0].search_path
  } finally {
    await client.end()
  }
}

beforeAll(async () => {
  ensurePgbouncerInstalled()
  await asPostgres(`CREATE DATABASE ${REAL_DATABASE}`)
  mkdirSync(join(work, "tls"))
  const certificates = makeCertificates(join(work, "tls"), POOLER_HOST)
  caPem = certificates.caPem
  pooler = await startPooler(tracker, {
    name: "tx-one-session",
    dir: join(work, "tx"),
    listenAddress: POOLER_HOST,
    port: 6543,
    poolMode: "transaction",
    maxClients: 1,
    realDatabase: REAL_DATABASE,
    user: "postgres.session",
    password: randomBytes(16).toString("hex"),
    adminUser: "pooler_admin",
    adminPassword: randomBytes(16).toString("hex"),
    certificates,
  })
})

afterAll(async () => {
  await tracker.stopAll(5_000)
  await asPostgres(`DROP DATABASE IF EXISTS ${REAL_DATABASE} WITH (FORCE)`).catch(() => undefined)
  rmSync(work, { recursive: true, force: true })
})

describe("session state through a transaction pooler", () => {
  const roleDefault = '"$user", public'

  it("knex's own SET search_path stays behind on the pooled server session", async () => {
    expect(await searchPathSeenByTheNextClient()).toBe(roleDefault)
    await connectLikeMedusa()
    expect(await searchPathSeenByTheNextClient()).toBe("public")
    await asPostgres(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${REAL_DATABASE}'`)
  })

  it("the app's connection leaves the role's default search_path behind", async () => {
    leaveSearchPathToTheRole()
    expect(await searchPathSeenByTheNextClient()).toBe(roleDefault)
    await connectLikeMedusa()
    expect(await searchPathSeenByTheNextClient()).toBe(roleDefault)
  })
})
