/**
 * Which suites `npm test` runs given what is missing, and where it may start
 * a service itself (scripts/lib/test-services.mjs). The module is an ES
 * module, which jest's CommonJS runtime cannot load, so each case runs it in
 * a Node process.
 */
import { evaluateLibModule } from "./lib/evaluate-es-module"

const SUITES = JSON.stringify([
  { name: "unit", services: [], tools: [] },
  { name: "integration:http", services: ["postgres", "redis"], tools: ["redis-server"] },
  { name: "e2e", services: ["postgres", "redis"], tools: ["chromium", "redis-server"] },
  { name: "drills", services: ["postgres"], tools: ["pgbouncer", "redis-server"] },
])

const plan = (missing: object) =>
  evaluateLibModule("test-services.mjs", `m.planSuites(${SUITES}, ${JSON.stringify(missing)})`)

describe("planSuites", () => {
  it("runs every suite when nothing is missing", () => {
    expect(plan({ services: {}, tools: {} })).toEqual({
      run: ["unit", "integration:http", "e2e", "drills"],
      notRun: [],
    })
  })

  it("holds back only the suites that need what is missing, each with every reason", () => {
    expect(plan({ services: { redis: "needs Redis" }, tools: { chromium: "needs chromium" } })).toEqual({
      run: ["unit", "drills"],
      notRun: [
        { name: "integration:http", reasons: ["needs Redis"] },
        { name: "e2e", reasons: ["needs Redis", "needs chromium"] },
      ],
    })
  })

  it("never runs a suite whose PostgreSQL is missing, whatever else is there", () => {
    expect(plan({ services: { postgres: "needs PostgreSQL" }, tools: {} }).run).toEqual(["unit"])
  })
})

describe("isLocalHost", () => {
  const local = (host: string) => evaluateLibModule("test-services.mjs", `m.isLocalHost(${JSON.stringify(host)})`)

  it.each(["localhost", "127.0.0.1", "::1", "[::1]"])("treats %s as this machine", (host) => {
    expect(local(host)).toBe(true)
  })

  it.each(["db.example.supabase.co", "192.0.2.1", "127.0.0.2"])("never starts a service for %s", (host) => {
    expect(local(host)).toBe(false)
  })
})
