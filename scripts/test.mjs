#!/usr/bin/env node
// @ts-check
/**
 * `npm test`: every jest suite of the project, one after another (2 cores, and
 * the integration suites each boot a whole Medusa), then one plain line
 * `N passed, N failed[, N skipped]` summed from jest's --json reports, which
 * is the line CI reads, with ", N suites not run" when some could not run.
 * Exit code 1 on any failure, on a suite that did not run, or when no test ran
 * at all.
 *
 * PostgreSQL and Redis: the machine's when they answer; otherwise an embedded
 * PostgreSQL and a redis-server started for the run (./lib/test-services.mjs).
 * Tools a suite drives (pgbouncer, Chromium, redis-server, openssl) are
 * installed from Debian's packages when this runs as root; otherwise the
 * suites that need a missing one are named with what to install.
 *
 *   npm test                      all suites
 *   npm test -- unit              only the named suite(s)
 *   npm test -- e2e storefront    in those, only the files matching a pattern
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs"
import { join } from "node:path"
import processGroups from "./lib/process-groups.js"
import { planSuites, provideServices, provideTools } from "./lib/test-services.mjs"

const ROOT = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..")
const RESULTS = process.env.TEST_RESULTS_DIR || join(ROOT, "test-results")

/**
 * What each suite needs beside Node and npm ci: services (started here when
 * nothing answers, ./lib/test-services.mjs) and Debian tools (installed here
 * when this process may).
 * @type {Array<{ name: string, testType: string, services: Array<"postgres" | "redis">, tools: Array<import("./lib/test-services.mjs").Tool> }>}
 */
const SUITES = [
  { name: "unit", testType: "unit", services: [], tools: [] },
  { name: "integration:http", testType: "integration:http", services: ["postgres", "redis"], tools: ["redis-server"] },
  {
    name: "deploy",
    testType: "deploy",
    services: ["postgres", "redis"],
    tools: ["pgbouncer", "openssl", "redis-server"],
  },
  { name: "e2e", testType: "e2e", services: ["postgres", "redis"], tools: ["chromium", "redis-server"] },
  { name: "drills", testType: "drills", services: ["postgres"], tools: ["pgbouncer", "openssl", "redis-server"] },
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

const say = (/** @type {string} */ message) => console.log(`[npm test] ${message}`)
const redisUrl = new URL(process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379")
const needs = (/** @type {"postgres" | "redis"} */ service) => suites.some((s) => s.services.includes(service))
const missingTools = provideTools(
  suites.flatMap((s) => s.tools),
  say
)
const services = await provideServices({
  postgres: needs("postgres")
    ? { host: process.env.DB_HOST || "127.0.0.1", port: Number(process.env.DB_PORT || 5432) }
    : null,
  redis: needs("redis") ? { host: redisUrl.hostname, port: Number(redisUrl.port || 6379) } : null,
  root: ROOT,
  say,
})
const plan = planSuites(suites, { services: services.missing, tools: missingTools })

rmSync(RESULTS, { recursive: true, force: true })
mkdirSync(RESULTS, { recursive: true })

let passed = 0
let failed = 0
let skipped = 0
/** @type {string[]} */
const problems = []

let interrupted = false
for (const suite of suites.filter((s) => plan.run.includes(s.name))) {
  const outputFile = join(RESULTS, `${suite.name.replace(/[^a-z0-9]+/gi, "-")}.json`)
  console.log(`\n=== ${suite.name} ===`)
  // In a process group of its own: Ctrl-C or SIGTERM stops jest and
  // whatever it started, and then what this script started.
  const run = await processGroups.runInOwnProcessGroup(
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
    { cwd: ROOT, env: { ...process.env, ...services.env, TEST_TYPE: suite.testType }, onSignal: () => {} }
  )
  if (run.interrupted) {
    interrupted = true
    problems.push(`${suite.name}: interrupted`)
    failed += 1
    break
  }
  if (!existsSync(outputFile)) {
    problems.push(`${suite.name}: jest wrote no report (exit ${run.code}); see the output above`)
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
  if (run.code !== 0 && report.numFailedTests === 0 && !report.numRuntimeErrorTestSuites) {
    problems.push(`${suite.name}: jest exited with ${run.code}`)
    failed += 1
  }
  console.log(
    `--- ${suite.name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped`
  )
}
await services.stop()

if (passed + failed === 0 && !plan.notRun.length) {
  problems.push("no test ran")
}
// On stdout like the summary, so the summary stays the last line wherever
// stdout and stderr meet (a terminal, CI's log).
for (const problem of problems) {
  console.log(`problem: ${problem}`)
}
// Never counted as passed: each suite that did not run is named with why,
// makes the exit code 1, and is counted on the summary line.
for (const { name, reasons } of plan.notRun) {
  console.log(`not run: ${name}: ${reasons.join("; ")}`)
}
const notRun = plan.notRun.length ? `, ${plan.notRun.length} suite${plan.notRun.length > 1 ? "s" : ""} not run` : ""
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}${notRun}`)
process.exit(interrupted ? 130 : failed > 0 || problems.length || plan.notRun.length ? 1 : 0)
