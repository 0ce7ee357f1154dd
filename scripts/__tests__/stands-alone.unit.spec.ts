/**
 * The repository stands alone: no file of it points at material a clone does
 * not have (a folder beside the checkout, notes kept outside it). Whatever a
 * reader needs is in the repository or behind a public URL.
 */
import { spawnSync } from "node:child_process"
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs"
import { join, relative } from "node:path"

const ROOT = join(__dirname, "..", "..")

// Built from pieces so that this file does not match itself.
const dots = ".."
const FORBIDDEN = [
  `${dots}/shared`,
  ["shared", "schemas"].join("/"),
  ["shared", "seeds"].join("/"),
  ["FACTS", "md"].join("."),
  ["see", "FACTS"].join(" "),
]
const SKIPPED_FILES = new Set(["package-lock.json"])

/** The forbidden strings a text contains. */
function outsideReferences(text: string): string[] {
  return FORBIDDEN.filter((needle) => text.includes(needle))
}

/**
 * The repository's files: git's tracked and untracked-but-not-ignored files
 * (what .ci/run copies), or, in a copy without .git, every file outside the
 * folders .gitignore names at the top level (node_modules, build output).
 */
function repositoryFiles(): string[] {
  if (existsSync(join(ROOT, ".git"))) {
    const git = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: ROOT,
      encoding: "utf8",
    })
    if (git.status !== 0) {
      throw new Error(`git ls-files failed: ${git.stderr.trim()}`)
    }
    return git.stdout.split("\0").filter((f) => f && existsSync(join(ROOT, f)))
  }
  const ignoredAtTop = new Set([
    ".git",
    "node_modules",
    ...readFileSync(join(ROOT, ".gitignore"), "utf8")
      .split("\n")
      .map((line) => line.trim().match(/^\/([^/*]+)$/)?.[1])
      .filter((name): name is string => Boolean(name)),
  ])
  const files: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        if (!(dir === ROOT && ignoredAtTop.has(entry.name)) && entry.name !== "node_modules") {
          walk(path)
        }
      } else if (entry.isFile()) {
        files.push(relative(ROOT, path))
      }
    }
  }
  walk(ROOT)
  return files
}

describe("the repository stands alone", () => {
  it("the check finds each forbidden reference (guards the check itself)", () => {
    for (const needle of FORBIDDEN) {
      expect(outsideReferences(`a comment that says ${needle} here`)).toEqual([needle])
    }
    expect(outsideReferences("medusajs/medusa#16474 and docs/supabase.md")).toEqual([])
  })

  it("no file refers to material outside the repository", () => {
    const files = repositoryFiles().filter(
      (f) => !SKIPPED_FILES.has(f.split("/").pop() ?? "") && !f.split("/").includes("node_modules")
    )
    expect(files.length).toBeGreaterThan(50)
    const found = files.flatMap((file) => {
      const path = join(ROOT, file)
      if (statSync(path).size > 2_000_000) {
        return []
      }
      return outsideReferences(readFileSync(path, "utf8")).map((needle) => `${file}: ${needle}`)
    })
    expect(found).toEqual([])
  })
})
