/**
 * The readiness endpoint's Redis probe (src/health/probes.ts) against a real
 * Redis: concurrent first requests, and an outage of a redis-server this test
 * starts on a free port of its own (the machine's Redis is never stopped).
 */
import { spawn } from "node:child_process"
import type { ConfigModule } from "@medusajs/framework/types"
import { join } from "node:path"
import type { Probe } from "../../src/health/readiness"
import { startRedisServer, type ThrowawayRedis } from "../helpers/redis-server"

jest.setTimeout(60 * 1000)

const base = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379"

/**
 * Probes once Redis is up, then every 100 ms until it fails ("down") and for
 * 2 s more (several reconnect attempts, each an error event), then until it
 * answers again ("back").
 */
const OUTAGE_SCRIPT = `
const { redisProbe } = require("./src/health/probes")
const probe = redisProbe({ projectConfig: { redisUrl: "redis://127.0.0.1:" + process.argv[1] } })
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
;(async () => {
  console.log("up: " + (await probe()))
  while (await probe().then(() => true, () => false)) await sleep(100)
  console.log("down: failed")
  await sleep(2000)
  let answer
  while (answer !== "PONG") { answer = await probe().catch(() => undefined); await sleep(200) }
  console.log("back: " + answer)
  process.exit(0)
})()
`

/** A fresh probes module each time: the probe keeps one client per process. */
function freshRedisProbe(redisUrl: string): Probe {
  let probe: Probe | undefined
  jest.isolateModules(() => {
    const { redisProbe } = require("../../src/health/probes") as typeof import("../../src/health/probes")
    probe = redisProbe({ projectConfig: { redisUrl } } as unknown as ConfigModule)
  })
  return probe!
}

describe("readiness Redis probe", () => {
  let own: ThrowawayRedis | undefined
  afterAll(() => own?.stop())

  it("answers three first requests that arrive at once", async () => {
    const probe = freshRedisProbe(base)
    const results = await Promise.allSettled([probe(), probe(), probe()])
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([
      "PONG",
      "PONG",
      "PONG",
    ])
  })

  it("fails during an outage without ioredis printing unhandled error events, and recovers", async () => {
    // In a process of its own: what matters is what reaches the real stderr
    // (jest's console does not see ioredis's unhandled-error printing).
    own = startRedisServer()
    await own.ready()
    const port = own.port
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", "-e", OUTAGE_SCRIPT, String(port)],
      { cwd: join(__dirname, "..", ".."), stdio: ["ignore", "pipe", "pipe"] }
    )
    const exited = new Promise((resolve) => child.once("exit", resolve))
    let stdout = ""
    let stderr = ""
    child.stdout!.on("data", (chunk) => (stdout += chunk))
    child.stderr!.on("data", (chunk) => (stderr += chunk))
    const waitFor = async (line: string) => {
      const deadline = Date.now() + 20_000
      while (!stdout.includes(line) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(stdout).toContain(line)
    }
    await waitFor("up: PONG")
    await own.stop()
    await waitFor("down: failed")
    own = startRedisServer([], port)
    await own.ready()
    await waitFor("back: PONG")
    await exited
    expect(stderr).not.toContain("Unhandled error event")
  })
})
