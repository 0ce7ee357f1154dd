/**
 * The README stays a short front door and the docs/ pages stay true to the
 * code: every variable is described, every page is reachable from the README,
 * every link and `npm run` command in them works, and the layout names only
 * folders that exist.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { CONFIG_VARIABLES } from "../../src/config/env"

const ROOT = join(__dirname, "..", "..")
const README = join(ROOT, "README.md")
const DOCS = join(ROOT, "docs")
const README_MAX_LINES = 150

const read = (path: string) => readFileSync(path, "utf8")
const docsPages = readdirSync(DOCS)
  .filter((name) => name.endsWith(".md"))
  .sort()
const markdownFiles = [README, ...docsPages.map((name) => join(DOCS, name))]

/** Variables assigned in .env.template, commented examples included. */
function templateVariables(): string[] {
  const names = read(join(ROOT, ".env.template"))
    .split("\n")
    .map((line) => line.match(/^(?:#\s*)?([A-Z][A-Z0-9_]*)=/)?.[1])
    .filter((name): name is string => Boolean(name))
  return [...new Set(names)]
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-")
}

function anchors(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, "")
  return new Set([...withoutCode.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => slug(match[1])))
}

/** Relative link targets of a markdown file: [text](target). */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1])
    .filter((target) => !/^[a-z]+:/.test(target))
}

describe("docs/configuration.md", () => {
  const page = read(join(DOCS, "configuration.md"))
  const mentioned = (name: string) => new RegExp(`\\b${name}\\b`).test(page)

  it.each(templateVariables())("describes %s from .env.template", (name) => {
    expect(mentioned(name)).toBe(true)
  })

  it.each([...CONFIG_VARIABLES])("describes %s from CONFIG_VARIABLES", (name) => {
    expect(mentioned(name)).toBe(true)
  })

  const configEntries = readdirSync(join(ROOT, "src", "config"))
    .filter((name) => name !== "__tests__")
    .map((name) => (name.endsWith(".ts") ? name : `${name}/`))
  it.each(configEntries)("lists src/config/%s in the configuration module's table", (entry) => {
    expect(page).toContain(`| \`${entry}\``)
  })
})

describe("README.md", () => {
  const readme = read(README)

  it(`is under ${README_MAX_LINES} lines`, () => {
    expect(readme.split("\n").length).toBeLessThan(README_MAX_LINES)
  })

  it.each(docsPages)("links docs/%s", (name) => {
    expect(readme).toContain(`](docs/${name})`)
  })

  it("names only existing npm scripts in `npm run` commands", () => {
    const scripts = Object.keys(JSON.parse(read(join(ROOT, "package.json"))).scripts)
    const named = [...readme.matchAll(/npm run ([a-z][a-z0-9:-]*)/g)].map((match) => match[1])
    expect(named.length).toBeGreaterThan(0)
    expect(named.filter((name) => !scripts.includes(name))).toEqual([])
  })

  it("names as prerequisites of `npm test` exactly the Debian packages .ci/run installs", () => {
    const sentence = readme.match(/`npm test` needs[^.]*\./)?.[0] ?? ""
    const named = [...(sentence.match(/Debian's ([^.]*?)\s+installed/)?.[1] ?? "").matchAll(/`([a-z0-9-]+)`/g)].map(
      (match) => match[1]
    )
    const installed = [...read(join(ROOT, ".ci", "run")).matchAll(/missing="\$missing ([a-z0-9-]+)"/g)].map(
      (match) => match[1]
    )
    expect(installed.length).toBeGreaterThan(0)
    expect(named.sort()).toEqual(installed.sort())
  })

  it("names only src/ folders that exist", () => {
    const folders = [...readme.matchAll(/`src\/([^/`\s]+)/g)].map((match) => match[1])
    expect(folders.length).toBeGreaterThan(0)
    const missing = folders.filter((name) => {
      const path = join(ROOT, "src", name)
      return !existsSync(path) || !statSync(path).isDirectory()
    })
    expect(missing).toEqual([])
  })
})

describe("links", () => {
  it.each(markdownFiles.map((file) => relative(ROOT, file)))("every relative link in %s resolves", (file) => {
    const source = join(ROOT, file)
    const broken = relativeLinks(read(source)).filter((target) => {
      const [path, anchor] = target.split("#")
      const resolved = path ? join(dirname(source), path) : source
      if (!existsSync(resolved)) {
        return true
      }
      return Boolean(anchor) && resolved.endsWith(".md") && !anchors(read(resolved)).has(anchor)
    })
    expect(broken).toEqual([])
  })

  it("every `npm run` command in docs/ names an existing npm script", () => {
    const scripts = Object.keys(JSON.parse(read(join(ROOT, "package.json"))).scripts)
    const unknown = docsPages.flatMap((name) =>
      [...read(join(DOCS, name)).matchAll(/npm run ([a-z][a-z0-9:-]*)/g)]
        .map((match) => match[1])
        .filter((script) => !scripts.includes(script))
        .map((script) => `${name}: npm run ${script}`)
    )
    expect(unknown).toEqual([])
  })

  it("every docs/ page or README section named in the deploy files, .env.template, src/ and scripts/ exists", () => {
    const sources = [
      join(ROOT, "railway.toml"),
      join(ROOT, ".env.template"),
      join(ROOT, ".ci", "run"),
      ...filesUnder(join(ROOT, ".railway")),
      ...filesUnder(join(ROOT, "src")),
      ...filesUnder(join(ROOT, "scripts")),
    ].filter((file) => existsSync(file) && /(\.(ts|js|mjs|toml|json)|\.env\.template|run)$/.test(file))
    const broken = sources.flatMap((file) =>
      [...read(file).matchAll(/\b((?:docs\/[a-z-]+|README)\.md)(?:#([a-z0-9-]+))?/g)]
        .filter(([, page, anchor]) => {
          const target = join(ROOT, page as string)
          return !existsSync(target) || (anchor !== undefined && !anchors(read(target)).has(anchor))
        })
        .map(([mention]) => `${relative(ROOT, file)}: ${mention}`)
    )
    expect(broken).toEqual([])
  })
})

describe("the layout table of docs/development.md", () => {
  const page = read(join(DOCS, "development.md"))
  const layout = page.slice(page.indexOf("## Layout"), page.indexOf("\n## ", page.indexOf("## Layout") + 1))
  const folders = ["src", "scripts", "integration-tests"].flatMap((top) =>
    readdirSync(join(ROOT, top), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== "__tests__")
      .map((entry) => `${top}/${entry.name}`)
  )

  it.each(folders)("names %s", (folder) => {
    expect(layout).toMatch(new RegExp(`\`${folder.replace(/[/-]/g, (c) => `\\${c}`)}/?\``))
  })
})

/** Every file under a folder, its subfolders included (node_modules left out). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : filesUnder(path)
    return [path]
  })
}
