#!/usr/bin/env node
// @ts-check
/**
 * `npm test`: every jest suite of the project, one after another (2 cores, and
 * the integration suites each boot a whole Medusa), then one plain line
 * `N passed, N failed[, N skipped]` summed from jest's --json reports, which
 * is the line CI reads. Exit code 1 on any failure, on a suite that could not
 * run, or when no test ran at all.
 *
 *   npm test                      all suites
 *   npm test -- unit              only the named suite(s)
 *   npm test -- e2e storefront    in those, only the files matching a pattern
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs"
import { createConnection } from "node:net"
import { join } from "node:path"

const ROOT = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..")
const RESULTS = join(ROOT, "test-results")

/** @type {Array<{ name: string, testType: string, needs: Array<"postgres" | "redis"> }>} */
const SUITES = [
  { name: "unit", testType: "unit", needs: [] },
  { name: "integration:http", testType: "integration:http", needs: ["postgres", "redis"] },
  { name: "deploy", testType: "deploy", needs: ["postgres", "redis"] },
  { name: "e2e", testType: "e2e", needs: ["postgres", "redis"] },
  { name: "drills", testType: "drills", needs: ["postgres"] },
]

// Arguments naming a suite pick suites; any other argument is a jest path
// pattern, so one spec file runs alone:  npm run test:e2e -- storefront
const args = process.argv.slice(2)
const requested = args.filter((a) => SUITES.some((s) => s.name === a))
const patterns = args.filter((a) => !requested.includes(a))
const suites = requested.length ? SUITES.filter((s) => requested.includes(s.name)) : SUITES
if (patterns.some((p) => p.startsWith("-"))) {
  console.error(
    `unknown option in ${patterns.join(" ")}; arguments are suite names (${SUITES.map((s) => s.name).join(", ")}) or test file patterns`
  )
  process.exit(2)
}

const nodeMajor = Number(process.versions.node.split(".")[0])
const pinnedMajor = Number(readFileSync(join(ROOT, ".nvmrc"), "utf8").trim())
if (nodeMajor !== pinnedMajor) {
  console.warn(
    `warning: running on Node ${process.versions.node}, but the deploy pins Node ${pinnedMajor} (.nvmrc); results may differ`
  )
}

/** @param {string} host @param {number} port @returns {Promise<boolean>} */
function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port })
    socket.setTimeout(2000)
    socket.once("connect", () => {
      socket.destroy()
      resolve(true)
    })
    socket.once("error", () => resolve(false))
    socket.once("timeout", () => {
      socket.destroy()
      resolve(false)
    })
  })
}

const services = {
  postgres: {
    host: process.env.DB_HOST || "127.0.0.1",
    port: Number(process.env.DB_PORT || 5432),
    fix: "start PostgreSQL (Debian: apt-get install -y postgresql && pg_ctlcluster <version> main start) or set DB_HOST/DB_PORT",
  },
  redis: (() => {
    const url = new URL(process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379")
    return {
      host: url.hostname,
      port: Number(url.port || 6379),
      fix: "start Redis (Debian: apt-get install -y redis-server && redis-server --daemonize yes) or set TEST_REDIS_URL",
    }
  })(),
}

rmSync(RESULTS, { recursive: true, force: true })
mkdirSync(RESULTS, { recursive: true })

let passed = 0
let failed = 0
let skipped = 0
/** @type {string[]} */
const problems = []

for (const suite of suites) {
  let ready = true
  for (const need of suite.needs) {
    const service = services[need]
    if (!(await reachable(service.host, service.port))) {
      problems.push(`${suite.name}: ${need} is not reachable at ${service.host}:${service.port}; ${service.fix}`)
      ready = false
    }
  }
  if (!ready) {
    failed += 1
    continue
  }
  const outputFile = join(RESULTS, `${suite.name.replace(/[^a-z0-9]+/gi, "-")}.json`)
  console.log(`\n=== ${suite.name} ===`)
  const run = spawnSync(
    process.execPath,
    [
      "--experimental-vm-modules",
      join(ROOT, "node_modules", "jest", "bin", "jest.js"),
      "--runInBand",
      "--forceExit",
      "--json",
      `--outputFile=${outputFile}`,
      ...patterns,
    ],
    { cwd: ROOT, stdio: "inherit", env: { ...process.env, TEST_TYPE: suite.testType } }
  )
  if (!existsSync(outputFile)) {
    problems.push(`${suite.name}: jest wrote no report (exit ${run.status}); see the output above`)
    failed += 1
    continue
  }
  const report = JSON.parse(readFileSync(outputFile, "utf8"))
  passed += report.numPassedTests
  failed += report.numFailedTests
  skipped += report.numPendingTests + report.numTodoTests
  // A suite that failed to load counts as failed even though it has no tests.
  failed += report.numRuntimeErrorTestSuites
  if (report.numRuntimeErrorTestSuites) {
    problems.push(`${suite.name}: ${report.numRuntimeErrorTestSuites} test file(s) failed to run`)
  }
  if (run.status !== 0 && report.numFailedTests === 0 && !report.numRuntimeErrorTestSuites) {
    problems.push(`${suite.name}: jest exited with ${run.status}`)
    failed += 1
  }
  console.log(
    `--- ${suite.name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped`
  )
}

if (passed + failed === 0) {
  problems.push("no test ran")
}
for (const problem of problems) {
  console.error(`problem: ${problem}`)
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`)
process.exit(failed > 0 || problems.length ? 1 : 0)
