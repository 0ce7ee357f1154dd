import { execFileSync } from "node:child_process"
import { chownSync, existsSync, mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { Client } from "pg"
import type { Certificates } from "./tls"
import type { ProcessTracker, Tracked } from "./processes"

export interface PoolerOptions {
  name: string
  dir: string
  listenAddress: string
  port: number
  poolMode: "transaction" | "session"
  /** pgbouncer refuses clients past this, like Supabase's session pooler past pool_size. */
  maxClients: number
  realDatabase: string
  user: string
  password: string
  adminUser: string
  adminPassword: string
  certificates: Certificates
}

export interface Pooler {
  options: PoolerOptions
  process: Tracked
  /** The command that (re)starts this pooler with the same configuration, as root. */
  command: string
  url: string
  admin: (command: string) => Promise<Array<Record<string, unknown>>>
}

/** Fails the test with the install command when pgbouncer is missing. */
export function ensurePgbouncerInstalled(): void {
  if (existsSync("/usr/sbin/pgbouncer")) {
    return
  }
  try {
    execFileSync(
      "sh",
      ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer"],
      {
        stdio: "pipe",
      }
    )
  } catch (error) {
    throw new Error(
      `pgbouncer is not installed and could not be installed (${(error as Error).message.split("\n")[0]}); install it: apt-get install -y pgbouncer`
    )
  }
}

/**
 * Where PostgreSQL's Unix socket is: Debian's place, or the one `npm test`
 * names when it started an embedded PostgreSQL for the run.
 */
function postgresSocketDir(): string {
  return process.env.TEST_POSTGRES_SOCKET_DIR || "/var/run/postgresql"
}

function osUserIds(name: string): { uid: number; gid: number } {
  const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim())
  const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim())
  return { uid, gid }
}

/**
 * Starts Debian's pgbouncer in front of the machine's PostgreSQL, TLS required
 * for clients (like Supabase's poolers), reaching PostgreSQL over its Unix
 * socket. Every PostgreSQL session that comes from a pooler therefore has no
 * client address, while a client that bypassed the pooler would show up as
 * 127.0.0.1.
 */
export async function startPooler(tracker: ProcessTracker, options: PoolerOptions): Promise<Pooler> {
  mkdirSync(options.dir, { recursive: true })
  const ini = join(options.dir, "pgbouncer.ini")
  const userlist = join(options.dir, "userlist.txt")
  writeFileSync(
    userlist,
    `"${options.user}" "${options.password}"\n"${options.adminUser}" "${options.adminPassword}"\n`
  )
  writeFileSync(
    ini,
    [
      "[databases]",
      `postgres = host=${postgresSocketDir()} port=5432 dbname=${options.realDatabase} user=postgres`,
      "",
      "[pgbouncer]",
      `listen_addr = ${options.listenAddress}`,
      `listen_port = ${options.port}`,
      `unix_socket_dir = ${options.dir}`,
      "auth_type = scram-sha-256",
      `auth_file = ${userlist}`,
      `pool_mode = ${options.poolMode}`,
      `max_client_conn = ${options.maxClients}`,
      `default_pool_size = ${options.maxClients}`,
      `admin_users = ${options.adminUser}`,
      "client_tls_sslmode = require",
      `client_tls_key_file = ${options.certificates.serverKey}`,
      `client_tls_cert_file = ${options.certificates.serverCert}`,
      "ignore_startup_parameters = extra_float_digits,options",
      `pidfile = ${join(options.dir, "pgbouncer.pid")}`,
      "",
    ].join("\n")
  )
  // pgbouncer will not run as root; it drops to the postgres OS user, which
  // must be able to read its files.
  const { uid, gid } = osUserIds("postgres")
  for (const file of [options.dir, ini, userlist, options.certificates.serverKey, options.certificates.serverCert]) {
    chownSync(file, uid, gid)
  }
  const command = `exec /usr/sbin/pgbouncer -u postgres ${ini}`
  const process = tracker.start(`pgbouncer-${options.name}`, command, {
    cwd: options.dir,
    env: { PATH: "/usr/sbin:/usr/bin:/bin" },
  })
  const admin = async (command: string) => {
    const client = new Client({
      host: options.listenAddress,
      port: options.port,
      database: "pgbouncer",
      user: options.adminUser,
      password: options.adminPassword,
      ssl: { ca: options.certificates.caPem, rejectUnauthorized: true },
    })
    await client.connect()
    try {
      return (await client.query(command)).rows
    } finally {
      await client.end()
    }
  }
  const deadline = Date.now() + 15_000
  for (;;) {
    try {
      await admin("SHOW VERSION")
      break
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`pgbouncer ${options.name} did not come up: ${(error as Error).message}\n${process.output()}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
  const url = `postgresql://${options.user}:${options.password}@${options.listenAddress}:${options.port}/postgres`
  return { options, process, command, url, admin }
}
