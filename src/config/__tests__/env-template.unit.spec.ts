import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import { CONFIG_VARIABLES } from "../env"

const ROOT = join(__dirname, "..", "..", "..")
const SCANNED = ["src", "scripts", "integration-tests", "medusa-config.ts", "jest.config.js", ".ci"]
const CODE_FILE = /\.(ts|tsx|js|mjs|cjs)$|^run$/

/** Read by Medusa itself rather than by this project's code. */
const READ_BY_MEDUSA: string[] = []
/** The operating system's and Node's own, passed on to child processes rather than configured. */
const SYSTEM = new Set(["PATH", "HOME", "NODE_OPTIONS"])

// Built from pieces so this file does not match itself.
const ENV_READ = new RegExp(["process", "\\.env", '(?:\\.([A-Z][A-Z0-9_]*)|\\["([A-Z][A-Z0-9_]*)"\\])'].join(""), "g")
const SHELL_READ = /\$\{?([A-Z][A-Z0-9_]*)/g

function filesUnder(path: string): string[] {
  const full = join(ROOT, path)
  let stat
  try {
    stat = statSync(full)
  } catch {
    return []
  }
  if (stat.isFile()) {
    return [full]
  }
  return readdirSync(full).flatMap((name) => (name === "node_modules" ? [] : filesUnder(join(path, name))))
}

function variablesReadByCode(): Map<string, string> {
  const found = new Map<string, string>()
  for (const variable of CONFIG_VARIABLES) {
    found.set(variable, "src/config/env.ts")
  }
  for (const file of SCANNED.flatMap(filesUnder)) {
    const name = file.split("/").pop()!
    if (!CODE_FILE.test(name)) {
      continue
    }
    const text = readFileSync(file, "utf8")
    for (const match of text.matchAll(ENV_READ)) {
      found.set(match[1] ?? match[2], relative(ROOT, file))
    }
  }
  return found
}

function templateVariables(): Set<string> {
  const text = readFileSync(join(ROOT, ".env.template"), "utf8")
  return new Set([...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]))
}

describe(".env.template", () => {
  const template = templateVariables()
  const read = variablesReadByCode()

  it("lists every variable the code reads", () => {
    const missing = [...read.entries()]
      .filter(([name]) => !template.has(name) && !SYSTEM.has(name))
      .map(([name, file]) => `${name} (read in ${file})`)
    expect(missing).toEqual([])
  })

  it("lists nothing that no code reads", () => {
    const shellVariables = new Set(
      filesUnder(".ci").flatMap((f) => [...readFileSync(f, "utf8").matchAll(SHELL_READ)].map((m) => m[1]))
    )
    const stale = [...template].filter(
      (name) => !read.has(name) && !READ_BY_MEDUSA.includes(name) && !shellVariables.has(name)
    )
    expect(stale).toEqual([])
  })

  it("gives every variable a comment", () => {
    const text = readFileSync(join(ROOT, ".env.template"), "utf8")
    const lines = text.split("\n")
    const undocumented = lines
      .map((line, i) => ({ line, i }))
      .filter(({ line }) => /^[A-Z][A-Z0-9_]*=/.test(line))
      .filter(({ i }) => {
        // Walk up over the variable block to the nearest comment line.
        let j = i - 1
        while (j >= 0 && /^[A-Z][A-Z0-9_]*=/.test(lines[j])) {
          j--
        }
        return j < 0 || !lines[j].startsWith("#")
      })
      .map(({ line }) => line)
    expect(undocumented).toEqual([])
  })

  it("finds variables read outside the config schema (guards the scanner itself)", () => {
    // Neither is a schema key, so only the file scan can find them.
    expect(read.get("EMBEDDED_POSTGRES_PORT")).toBe("scripts/dev.mjs")
    expect(read.has("TEST_TYPE")).toBe(true)
  })
})
