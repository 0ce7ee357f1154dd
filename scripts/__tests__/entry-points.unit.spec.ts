/**
 * The deploy entry points refuse clearly when the build is missing, instead
 * of letting `medusa start` fail later with "Could not find index.html".
 */
import { spawnSync } from "node:child_process"
import { cpSync, mkdtempSync, rmSync } from "node:fs"
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
    expect(result.stderr).toBe(
      "error: .medusa/server/medusa-config.js is missing: run npm run build first"
    )
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
