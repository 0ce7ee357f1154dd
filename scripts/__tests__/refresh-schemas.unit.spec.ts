/**
 * npm run refresh-schemas, against a local HTTP server standing in for
 * railway.com and schema.railpack.com: it rewrites both copies and the
 * provenance table, and on a bad answer changes nothing and says why in
 * one line.
 */
import { execFile } from "node:child_process"
import { createHash } from "node:crypto"
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"

const ROOT = join(__dirname, "..", "..")
const SCHEMAS = join(".railway", "schemas")

type Answer = { status: number; body: string }
let answers: Record<string, Answer> = {}
let server: Server
let base: string
let copy: string

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex")

/** A schema as the hosts serve it, marked so the test can tell it from the copies in git. */
function servedSchema(name: string, mark: string): string {
  const schema = JSON.parse(readFileSync(join(ROOT, SCHEMAS, name), "utf8"))
  return JSON.stringify({ ...schema, description: mark })
}

/** Everything in the copy's .railway/schemas, by file name. */
function snapshot(): Record<string, string> {
  const dir = join(copy, SCHEMAS)
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), "utf8")]))
}

function refresh(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(copy, "scripts", "refresh-schemas.mjs")],
      {
        env: {
          PATH: process.env.PATH,
          REFRESH_SCHEMAS_RAILWAY_URL: `${base}/railway.schema.json`,
          REFRESH_SCHEMAS_RAILPACK_URL: `${base}/railpack`,
        },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout: stdout.trim(), stderr: stderr.trim() })
    )
  })
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const answer = answers[request.url ?? ""] ?? { status: 404, body: "not found" }
    response.writeHead(answer.status, { "content-type": "application/json" })
    response.end(answer.body)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

beforeEach(() => {
  // The script and the schema folder alone, like a checkout; ajv from this one.
  copy = mkdtempSync(join(tmpdir(), "beauty-schemas-"))
  mkdirSync(join(copy, "scripts"))
  cpSync(join(ROOT, "scripts", "refresh-schemas.mjs"), join(copy, "scripts", "refresh-schemas.mjs"))
  cpSync(join(ROOT, SCHEMAS), join(copy, SCHEMAS), { recursive: true })
  symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"))
  answers = {
    "/railway.schema.json": { status: 200, body: servedSchema("railway.schema.json", "served railway") },
    "/railpack": { status: 200, body: servedSchema("railpack.schema.json", "served railpack") },
  }
})

afterEach(() => rmSync(copy, { recursive: true, force: true }))

describe("npm run refresh-schemas", () => {
  it("writes both schemas as served and records URL, date and sha256 in the README", async () => {
    const result = await refresh()
    expect(result).toMatchObject({ code: 0, stderr: "" })
    const files = snapshot()
    expect(files["railway.schema.json"]).toBe(answers["/railway.schema.json"].body)
    expect(files["railpack.schema.json"]).toBe(answers["/railpack"].body)
    const today = new Date().toISOString().slice(0, 10)
    const rows = files["README.md"].split("\n").filter((line) => line.startsWith("| rail"))
    expect(rows).toEqual([
      `| railway.schema.json | ${base}/railway.schema.json | ${today} | \`${sha256(answers["/railway.schema.json"].body)}\` |`,
      `| railpack.schema.json | ${base}/railpack | ${today} | \`${sha256(answers["/railpack"].body)}\` |`,
    ])
    // The prose around the table stays.
    expect(files["README.md"]).toContain("npm run refresh-schemas")
    expect(result.stdout).toContain("railway.schema.json")
    expect(result.stdout).toContain("(changed)")
  })

  it("changes nothing when an answer is not JSON, and says so in one line", async () => {
    answers["/railpack"] = { status: 200, body: "<html><body>Service unavailable</body></html>" }
    const before = snapshot()
    const result = await refresh()
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      `error: ${base}/railpack: not JSON (starts with "<html><body>Service unavailable</body></"); .railway/schemas is unchanged`
    )
    expect(snapshot()).toEqual(before)
  })

  it("changes nothing when an answer is not 200, and says so in one line", async () => {
    answers["/railway.schema.json"] = { status: 503, body: servedSchema("railway.schema.json", "stale") }
    const before = snapshot()
    const result = await refresh()
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      `error: ${base}/railway.schema.json: answered HTTP 503 Service Unavailable, not 200; .railway/schemas is unchanged`
    )
    expect(snapshot()).toEqual(before)
  })

  it("changes nothing when an answer is JSON but not a JSON Schema", async () => {
    answers["/railpack"] = {
      status: 200,
      body: JSON.stringify({ $schema: "https://json-schema.org/draft/2020-12/schema", type: 5 }),
    }
    const before = snapshot()
    const result = await refresh()
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /^error: http:\/\/127\.0\.0\.1:\d+\/railpack: not a valid JSON Schema: .*; \.railway\/schemas is unchanged$/
    )
    expect(snapshot()).toEqual(before)
  })
})
