/**
 * `npm test`, the README's second quick-start command, on a machine where no
 * PostgreSQL and no Redis answer: it starts an embedded PostgreSQL and a
 * redis-server for the run, runs the suites, stops both, and names a suite it
 * could not run instead of counting it as passed. The machine's own services
 * stay untouched: the run is pointed at free ports (DB_PORT, TEST_REDIS_URL),
 * where nothing answers, as nothing answers on 5432 and 6379 on a fresh machine.
 */
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { freePort, portAnswers } from "../helpers/redis-server"

jest.setTimeout(10 * 60 * 1000)

const REPO = join(__dirname, "..", "..")
const results = mkdtempSync(join(tmpdir(), "beauty-test-command-"))

afterAll(() => rmSync(results, { recursive: true, force: true }))

interface Run {
  code: number | null
  /** stdout and stderr as they arrived */
  output: string
  stdout: string
}

function npmTest(args: string[], extra: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO, "scripts", "test.mjs"), ...args], {
      cwd: REPO,
      env: { ...process.env, TEST_RESULTS_DIR: results, ...extra },
    })
    let output = ""
    let stdout = ""
    child.stdout.on("data", (chunk) => {
      output += chunk
      stdout += chunk
    })
    child.stderr.on("data", (chunk) => (output += chunk))
    child.on("close", (code) => resolve({ code, output, stdout }))
  })
}

const lastLine = (output: string) => output.trim().split("\n").pop()

const scratchFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith("beauty-shop-test-postgres-"))

describe("npm test on a machine where no PostgreSQL and no Redis answer", () => {
  const databasePort = freePort()
  const redisPort = freePort()
  let run: Run
  let foldersBefore: string[]

  beforeAll(async () => {
    foldersBefore = scratchFolders()
    run = await npmTest(["integration:http", "readiness-redis", "health"], {
      DB_PORT: String(databasePort),
      TEST_REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    })
  })

  it("starts an embedded PostgreSQL and a redis-server where the suites look", () => {
    expect(run.output).toContain(`starting an embedded PostgreSQL there for this run`)
    expect(run.output).toContain(`embedded PostgreSQL on localhost:${databasePort}`)
    expect(run.output).toContain(`nothing answers on 127.0.0.1:${redisPort}: starting redis-server there for this run`)
  })

  it("runs the suites against them and passes", () => {
    expect({ code: run.code, summary: lastLine(run.stdout) }).toEqual({
      code: 0,
      summary: expect.stringMatching(/^[1-9]\d* passed, 0 failed$/),
    })
    expect(run.output).toMatch(/--- integration:http: [1-9]\d* passed, 0 failed/)
  })

  it("stops both afterwards and removes the database's data", async () => {
    expect(run.output).toContain("redis-server stopped")
    expect(run.output).toContain("embedded PostgreSQL stopped, its data removed")
    expect({ postgres: await portAnswers(databasePort), redis: await portAnswers(redisPort) }).toEqual({
      postgres: false,
      redis: false,
    })
    expect(scratchFolders().filter((name) => !foldersBefore.includes(name))).toEqual([])
  })
})

describe("npm test when a suite's PostgreSQL is out of its reach", () => {
  let run: Run

  beforeAll(async () => {
    // A documentation address (TEST-NET-1): never this machine, never answers.
    run = await npmTest(["unit", "integration:http", "postgres-user-access"], { DB_HOST: "192.0.2.1" })
  })

  it("runs the suites that need nothing else", () => {
    expect(run.output).toMatch(/--- unit: [1-9]\d* passed, 0 failed/)
  })

  it("names the suite it did not run and why, and counts it as not run, never as passed", () => {
    expect(run.stdout).toContain(
      "not run: integration:http: needs PostgreSQL at 192.0.2.1:5432, which does not answer; start it or set DB_HOST/DB_PORT"
    )
    expect(run.output).not.toContain("=== integration:http ===")
    expect({ code: run.code, summary: lastLine(run.stdout) }).toEqual({
      code: 1,
      summary: expect.stringMatching(/^[1-9]\d* passed, 0 failed, 1 suite not run$/),
    })
  })

  it("writes no report for the suite it did not run", () => {
    expect(existsSync(join(results, "integration-http.json"))).toBe(false)
  })
})
