#!/usr/bin/env node
// @ts-check
/**
 * `npm run refresh-schemas`: downloads Railway's and Railpack's published JSON
 * schemas into .railway/schemas/, where the deploy-file tests read them (so
 * the tests need no network), and rewrites the provenance table in
 * .railway/schemas/README.md (URL, date, sha256).
 *
 * All or nothing: both answers must be HTTP 200 and a JSON Schema that Ajv
 * accepts and compiles before any file is written, so a proxy's error page or
 * an outage never replaces a good copy. On any problem it prints one line and
 * exits 1 with the files untouched.
 *
 * REFRESH_SCHEMAS_RAILWAY_URL / REFRESH_SCHEMAS_RAILPACK_URL replace the
 * public URLs (the script's own test serves the schemas from 127.0.0.1).
 */
import { createHash } from "node:crypto"
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import Ajv from "ajv"
import Ajv2020 from "ajv/dist/2020.js"

const ROOT = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..")
const DIR = join(ROOT, ".railway", "schemas")
const README = join(DIR, "README.md")
const TABLE_START = "<!-- provenance: written by scripts/refresh-schemas.mjs -->"
const TABLE_END = "<!-- /provenance -->"
const TIMEOUT_MS = 30_000

const SCHEMAS = [
  {
    file: "railway.schema.json",
    url: process.env.REFRESH_SCHEMAS_RAILWAY_URL || "https://railway.com/railway.schema.json",
  },
  {
    file: "railpack.schema.json",
    url: process.env.REFRESH_SCHEMAS_RAILPACK_URL || "https://schema.railpack.com",
  },
]

/** The JSON Schema dialects Ajv validates here, by their `$schema` URI. */
const DIALECTS = {
  "http://json-schema.org/draft-07/schema#": () => new Ajv({ strict: false }),
  "http://json-schema.org/draft-07/schema": () => new Ajv({ strict: false }),
  "https://json-schema.org/draft/2020-12/schema": () => new Ajv2020({ strict: false }),
}

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`error: ${message}; .railway/schemas is unchanged`)
  process.exit(1)
}

/**
 * Why a downloaded body is not a usable config-file schema, or undefined.
 * @param {string} body
 * @returns {string | undefined}
 */
function schemaProblem(body) {
  let schema
  try {
    schema = JSON.parse(body)
  } catch {
    return `not JSON (starts with ${JSON.stringify(body.slice(0, 40))})`
  }
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) {
    return "JSON but not an object, so not a JSON Schema"
  }
  const dialect = /** @type {keyof typeof DIALECTS} */ (schema.$schema)
  if (!DIALECTS[dialect]) {
    return `$schema is ${JSON.stringify(schema.$schema)}, not one of ${Object.keys(DIALECTS).join(", ")}`
  }
  const ajv = DIALECTS[dialect]()
  if (!ajv.validateSchema(schema)) {
    return `not a valid JSON Schema: ${ajv.errorsText(ajv.errors)}`
  }
  try {
    ajv.compile(schema)
  } catch (error) {
    return `JSON Schema does not compile: ${/** @type {Error} */ (error).message.split("\n")[0]}`
  }
  if (!schema.properties || typeof schema.properties !== "object" || !Object.keys(schema.properties).length) {
    return "JSON Schema without properties, so not a config-file schema"
  }
  return undefined
}

/**
 * The provenance table's Markdown.
 * @param {Array<{ file: string, url: string, date: string, sha256: string }>} rows
 */
function provenanceTable(rows) {
  return [
    "| file | taken from | copied (UTC) | sha256 |",
    "| --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r.file} | ${r.url} | ${r.date} | \`${r.sha256}\` |`),
  ].join("\n")
}

/**
 * The README with the text between the provenance markers replaced, or
 * undefined when the markers are missing.
 * @param {string} readme @param {string} table
 */
function withTable(readme, table) {
  const start = readme.indexOf(TABLE_START)
  const end = readme.indexOf(TABLE_END)
  if (start < 0 || end < start) {
    return undefined
  }
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`
}

/** @param {string} url @returns {Promise<Buffer>} */
async function download(url) {
  let response
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: "application/json" } })
  } catch (error) {
    const cause = /** @type {{ cause?: { code?: string, message?: string }, message: string }} */ (error)
    fail(`${url}: could not fetch (${cause.cause?.code ?? cause.cause?.message ?? cause.message})`)
  }
  if (response.status !== 200) {
    fail(`${url}: answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}, not 200`)
  }
  return Buffer.from(await response.arrayBuffer())
}

async function main() {
  if (!existsSync(README)) {
    fail(`${README} is missing`)
  }
  const readme = readFileSync(README, "utf8")
  if (withTable(readme, "") === undefined) {
    fail(`${README} has no "${TABLE_START}" ... "${TABLE_END}" section`)
  }

  const date = new Date().toISOString().slice(0, 10)
  const fetched = []
  for (const { file, url } of SCHEMAS) {
    const body = await download(url)
    const problem = schemaProblem(body.toString("utf8"))
    if (problem) {
      fail(`${url}: ${problem}`)
    }
    const sha256 = createHash("sha256").update(body).digest("hex")
    const path = join(DIR, file)
    const changed = !existsSync(path) || !readFileSync(path).equals(body)
    fetched.push({ file, url, date, sha256, body, changed })
  }

  // Everything checked: only now touch the files (rename is atomic per file).
  for (const { file, body } of fetched) {
    const path = join(DIR, file)
    writeFileSync(`${path}.tmp`, body)
    renameSync(`${path}.tmp`, path)
  }
  writeFileSync(README, /** @type {string} */ (withTable(readme, provenanceTable(fetched))))

  for (const { file, url, sha256, body, changed } of fetched) {
    console.log(
      `[refresh-schemas] ${file}: ${body.length} bytes from ${url}, sha256 ${sha256.slice(0, 12)}… (${changed ? "changed" : "unchanged"})`
    )
  }
  console.log("[refresh-schemas] done; check with: npm test -- unit deploy-files")
}

await main()
