/**
 * The deploy entry points refuse clearly when the build is missing, instead
 * of letting `medusa start` fail later with "Could not find index.html", and
 * when the service's MEDUSA_WORKER_MODE contradicts the start command;
 * `npm run migrate` fails when either of its steps fails.
 */
import { spawnSync } from "node:child_process"
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const ROOT = join(__dirname, "..", "..")
let copy: string

beforeAll(() => {
  // A checkout with scripts but without .medusa/server, like a fresh clone.
  copy = mkdtempSync(join(tmpdir(), "beauty-entry-"))
  cpSync(join(ROOT, "scripts"), join(copy, "scripts"), { recursive: true })
})

afterAll(() => rmSync(copy, { recursive: true, force: true }))

function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [join(copy, "scripts", script), ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, ...env },
  })
  return { code: result.status, stderr: result.stderr.trim(), stdout: result.stdout.trim() }
}

describe("start and migrate without a build", () => {
  it.each(["server", "worker", "shared"])("start %s exits 1 with one line saying to build first", (mode) => {
    const result = run("start.mjs", [mode])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe("error: .medusa/server/medusa-config.js is missing: run npm run build first")
  })

  it("start refuses an unknown mode", () => {
    const result = run("start.mjs", ["both"])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe("error: usage: node scripts/start.mjs <server|worker|shared>")
  })

  it("migrate exits 1 with one line saying to build first", () => {
    const result = run("migrate.mjs", [], { DATABASE_URL: "postgres://u:p@h:6543/postgres" })
    expect(result.code).toBe(1)
    expect(result.stderr).toBe("error: .medusa/server/medusa-config.js is missing: run npm run build first")
  })
})

describe("MEDUSA_WORKER_MODE against the start command", () => {
  it("refuses a worker variable on the server's start command, before looking for the build", () => {
    const result = run("start.mjs", ["server"], { MEDUSA_WORKER_MODE: "worker" })
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      "error: MEDUSA_WORKER_MODE=worker conflicts with npm run start:server (server mode); remove the variable or use npm run start:worker"
    )
  })

  it("refuses a server variable on npm start (shared mode) and an unknown value", () => {
    expect(run("start.mjs", ["shared"], { MEDUSA_WORKER_MODE: "server" }).stderr).toBe(
      "error: MEDUSA_WORKER_MODE=server conflicts with npm start (shared mode); remove the variable or use npm run start:server"
    )
    expect(run("start.mjs", ["worker"], { MEDUSA_WORKER_MODE: "both" }).stderr).toBe(
      "error: MEDUSA_WORKER_MODE=both conflicts with npm run start:worker (worker mode); remove the variable"
    )
  })

  it.each(["worker", ""])("accepts the same value or an empty one (%p) and goes on to the build check", (value) => {
    const result = run("start.mjs", ["worker"], { MEDUSA_WORKER_MODE: value })
    expect(result.stderr).toBe("error: .medusa/server/medusa-config.js is missing: run npm run build first")
  })
})

describe("npm run migrate's two steps", () => {
  let fake: string

  /** scripts/ plus a stand-in build whose `medusa` exits with the code the test sets per command. */
  beforeAll(() => {
    fake = mkdtempSync(join(tmpdir(), "beauty-migrate-"))
    cpSync(join(ROOT, "scripts"), join(fake, "scripts"), { recursive: true })
    const server = join(fake, ".medusa", "server")
    mkdirSync(join(server, "node_modules", ".bin"), { recursive: true })
    mkdirSync(join(server, "src", "config"), { recursive: true })
    writeFileSync(join(server, "medusa-config.js"), "")
    writeFileSync(
      join(server, "src", "config", "migration.js"),
      'exports.migrationTarget = (env) => ({ url: env.DATABASE_URL, variable: "DATABASE_URL", pooler: "direct" })'
    )
    writeFileSync(join(server, "src", "config", "mask.js"), "exports.maskUrl = (url) => url")
    writeFileSync(join(server, "src", "config", "errors.js"), "exports.ConfigError = class extends Error {}")
    const medusa = join(server, "node_modules", ".bin", "medusa")
    writeFileSync(
      medusa,
      '#!/bin/sh\necho "medusa $*" >> "$CALLS"\ncase "$1" in db:migrate) exit "$MIGRATE_EXIT";; db:migrate:scripts) exit "$SCRIPTS_EXIT";; esac\nexit 9\n'
    )
    chmodSync(medusa, 0o755)
  })

  afterAll(() => rmSync(fake, { recursive: true, force: true }))

  function migrate(migrateExit: number, scriptsExit: number) {
    const calls = join(fake, `calls-${migrateExit}-${scriptsExit}`)
    writeFileSync(calls, "")
    const result = spawnSync(process.execPath, [join(fake, "scripts", "migrate.mjs")], {
      encoding: "utf8",
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: "postgres://u@h:5432/postgres",
        CALLS: calls,
        MIGRATE_EXIT: String(migrateExit),
        SCRIPTS_EXIT: String(scriptsExit),
      },
    })
    const ran = require("node:fs").readFileSync(calls, "utf8").trim().split("\n").filter(Boolean)
    return { code: result.status, stderr: result.stderr.trim(), ran }
  }

  it("runs module migrations without scripts, then the scripts, and exits 0 when both pass", () => {
    const result = migrate(0, 0)
    expect(result.ran).toEqual(["medusa db:migrate --skip-scripts --execute-safe-links", "medusa db:migrate:scripts"])
    expect(result.code).toBe(0)
  })

  it("fails with one line naming the scripts step when only the scripts fail", () => {
    const result = migrate(0, 1)
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      "error: migration failed at step 2 of 2, migration scripts (medusa db:migrate:scripts): exit 1"
    )
  })

  it("stops after a failed first step and names it", () => {
    const result = migrate(3, 0)
    expect(result.code).toBe(1)
    expect(result.ran).toEqual(["medusa db:migrate --skip-scripts --execute-safe-links"])
    expect(result.stderr).toBe(
      "error: migration failed at step 1 of 2, module migrations and links (medusa db:migrate --skip-scripts --execute-safe-links): exit 3"
    )
  })
})
