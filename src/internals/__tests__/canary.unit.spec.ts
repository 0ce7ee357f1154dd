/**
 * The canary: after an upgrade of Medusa or of a library the project leans on, it fails with one line per
 * internal whose shape changed (src/internals/index.ts; docs/upgrading-medusa.md says what to do then).
 */
import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { changedInternals, INTERNALS } from ".."

const ROOT = join(__dirname, "..", "..", "..")

/** Every source file of src/ and scripts/ outside src/internals. */
function projectSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return path === join(ROOT, "src", "internals") ? [] : projectSources(path)
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [path] : []
  })
}

/** What only src/internals may do. */
const REACHES: Array<[string, RegExp]> = [
  ["requires a file inside @medusajs/*/dist", /(require|import)\s*\(?\s*["']@medusajs\/[^"']+\/dist\//],
  ["resolves a file beside a @medusajs package's entry", /dirname\(\s*require\.resolve\(\s*["']@medusajs\//],
  ["patches a prototype", /\.prototype(\.[A-Za-z_$][\w$]*|\[[^\]]+\])\s*=(?!=)/],
  ["redefines a property of an object it did not make", /Object\.defineProperty\((?!\s*\{\s*\})/],
  ["replaces http.createServer", /\bhttp\.createServer\s*=(?!=)/],
  ["sets Medusa's traceRequestHandler", /\.traceRequestHandler\s*=(?!=)/],
]

const START_JS = /[\\/]@medusajs[\\/]medusa[\\/]dist[\\/]commands[\\/]start\.js$/

describe("the canary", () => {
  it("finds every internal the project leans on with the shape it expects", () => {
    const changed = changedInternals()
    if (changed.length) throw new Error(`internals that changed:\n${changed.join("\n")}`)
    expect(changed).toEqual([])
  })

  it("names each internal that changed, with what it expects and what it found", () => {
    // A copy of Medusa's start command whose server is created after something else is awaited.
    const awaitsFirst = (file: string) => {
      const text = readFileSync(file, "utf8")
      return START_JS.test(file)
        ? text.replace("const app = (0, express_1.default)();", "const app = (0, express_1.default)(); await later();")
        : text
    }
    expect(changedInternals(awaitsFirst)).toEqual([
      "medusaStartCreatesServer (src/internals/medusa-http-server.ts): expected internalStart() awaits registerInstrumentation(), then calls http.createServer with nothing awaited between; found no http.createServer( after the previous step in @medusajs/medusa/commands/start",
    ])
    const withoutHooks = (file: string) =>
      START_JS.test(file)
        ? readFileSync(file, "utf8")
            .replace(/\(0, exports\.traceRequestHandler\)\(/g, "tracer(")
            .replace(/process\.on\("SIGTERM", gracefulShutDown\)/g, "")
        : readFileSync(file, "utf8")
    expect(changedInternals(withoutHooks).map((line) => line.split(" (")[0])).toEqual([
      "medusaStartShutsDownThroughServer",
      "medusaStartHasTraceHook",
    ])
  })

  it("lists each internal once, in a file of src/internals", () => {
    const checks = INTERNALS.map((internal) => internal.check)
    expect(new Set(checks).size).toBe(checks.length)
    for (const internal of INTERNALS) expect(internal.file).toMatch(/^src\/internals\/[a-z-]+\.(ts|js|mjs)$/)
  })

  it("keeps every reach into Medusa's or a library's internals inside src/internals", () => {
    const found = [...projectSources(join(ROOT, "src")), ...projectSources(join(ROOT, "scripts"))].flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) =>
          REACHES.filter(([, pattern]) => pattern.test(line)).map(
            ([what]) => `${relative(ROOT, file)}:${i + 1} ${what}: ${line.trim()}`
          )
        )
    )
    expect(found).toEqual([])
  })

  it("pins every @medusajs package to one exact version, the one installed", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Record<
      string,
      Record<string, string>
    >
    const pins = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }).filter(([name]) =>
      name.startsWith("@medusajs/")
    )
    const notExact = pins.filter(([, version]) => !/^\d+\.\d+\.\d+$/.test(version))
    expect(notExact).toEqual([])
    // The lint rules' package may lag one patch behind: it is not published with every release. The admin's
    // component library has versions of its own: the one the dashboard of this release depends on.
    const ownVersions = ["@medusajs/eslint-plugin", "@medusajs/ui"]
    const versions = new Set(pins.filter(([name]) => !ownVersions.includes(name)).map(([, version]) => version))
    expect([...versions]).toHaveLength(1)
    const [pinned] = [...versions]
    const installed = JSON.parse(
      readFileSync(join(ROOT, "node_modules", "@medusajs", "medusa", "package.json"), "utf8")
    )
    expect(installed.version).toBe(pinned)
    const dashboard = JSON.parse(
      readFileSync(join(ROOT, "node_modules", "@medusajs", "dashboard", "package.json"), "utf8")
    )
    expect(manifest.dependencies["@medusajs/ui"]).toBe(dashboard.dependencies["@medusajs/ui"])
    // The headers say which release each piece was checked against: the pinned one.
    const stale = INTERNALS.flatMap((internal) =>
      [...readFileSync(join(ROOT, internal.file), "utf8").matchAll(/@medusajs\/[a-z-]+@(\d+\.\d+\.\d+)/g)]
        .filter((mention) => mention[1] !== pinned)
        .map((mention) => `${internal.file}: ${mention[0]}`)
    )
    expect(stale).toEqual([])
  })
})
