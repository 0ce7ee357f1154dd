/**
 * Which directory keeps the OS user "postgres" out (scripts/lib/postgres-user-access.mjs),
 * judged on real directories. The module is an ES module, which jest's CommonJS runtime
 * cannot load, so each case runs it in a Node process.
 */
import { spawnSync } from "node:child_process"
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"

const MODULE = pathToFileURL(join(__dirname, "..", "lib", "postgres-user-access.mjs")).href
// Not any real user's ids: only the "others" bits apply to it unless a case sets owner or group.
const STRANGER = { uid: 54321, gid: 54321 }

function firstUnreachable(path: string, ids = STRANGER): string | null {
  const source = `const m = await import(${JSON.stringify(MODULE)}); console.log(JSON.stringify(m.firstUnreachable(${JSON.stringify(path)}, ${JSON.stringify(ids)}) ?? null))`
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", source], { encoding: "utf8" })
  if (result.status !== 0) throw new Error(result.stderr)
  return JSON.parse(result.stdout)
}

const base = mkdtempSync(join(tmpdir(), "pg-access-"))
chmodSync(base, 0o755)
afterAll(() => rmSync(base, { recursive: true, force: true }))

function tree(name: string, privateMode: number): { home: string; clone: string } {
  const home = join(base, name)
  const clone = join(home, "shop")
  mkdirSync(clone, { recursive: true })
  chmodSync(home, privateMode)
  chmodSync(clone, 0o755)
  return { home, clone }
}

describe("firstUnreachable", () => {
  it("names the private directory above a clone", () => {
    const { home, clone } = tree("private", 0o700)
    expect(firstUnreachable(clone)).toBe(home)
  })

  it("finds nothing where every directory lets others search it", () => {
    const { clone } = tree("open", 0o711)
    expect(firstUnreachable(clone)).toBeNull()
  })

  it("judges a directory by its group's bits for a member of its group", () => {
    const { home, clone } = tree("grouped", 0o750)
    const group = Number(spawnSync("stat", ["-c", "%g", home], { encoding: "utf8" }).stdout)
    expect(firstUnreachable(clone, { uid: STRANGER.uid, gid: group })).toBeNull()
    expect(firstUnreachable(clone)).toBe(home)
  })
})
