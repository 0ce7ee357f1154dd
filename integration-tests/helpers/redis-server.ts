import { spawn, spawnSync, type ChildProcess } from "node:child_process"
import { createConnection } from "node:net"
import Redis from "ioredis"

/** A free TCP port on 127.0.0.1, found synchronously (test files set env vars at load time). */
export function freePort(): number {
  const probe = spawnSync(
    process.execPath,
    ["-e", "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"],
    { encoding: "utf8" }
  )
  const port = Number(probe.stdout.trim())
  if (!Number.isInteger(port) || port <= 0) {
    throw new Error(`no free port found: ${probe.stderr}`)
  }
  return port
}

/** Whether anything accepts a TCP connection on 127.0.0.1:port. */
export function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port })
    socket.once("connect", () => {
      socket.destroy()
      resolve(true)
    })
    socket.once("error", () => resolve(false))
  })
}

/**
 * Resolves with the milliseconds until Redis at the URL answered PING; rejects after the timeout, or at once when
 * `gaveUp()` says the server is gone.
 */
export async function waitForRedis(url: string, timeoutMs: number, gaveUp = () => false): Promise<number> {
  const started = Date.now()
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
    client.on("error", () => undefined)
    try {
      await client.connect()
      await client.ping()
      return Date.now() - started
    } catch (error) {
      if (gaveUp() || Date.now() - started > timeoutMs) {
        throw new Error(`Redis at ${url} did not answer within ${timeoutMs} ms: ${(error as Error).message}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    } finally {
      client.disconnect()
    }
  }
}

export interface ThrowawayRedis {
  url: string
  port: number
  /** Resolves once the server answers PING; rejects with its output if it does not. */
  ready: () => Promise<void>
  stop: () => Promise<void>
}

/**
 * A redis-server of the test's own, without persistence, so a test can give it
 * a policy (or rename commands, or stop it) without touching the machine's
 * Redis. On a free port unless given one (to restart a stopped server where
 * its clients expect it). Started synchronously; `ready()` waits for it.
 */
export function startRedisServer(extraArgs: string[] = [], port = freePort()): ThrowawayRedis {
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", ...extraArgs],
    { stdio: ["ignore", "pipe", "pipe"] }
  )
  let output = ""
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()))
  child.on("error", (error) => (output += error.message))
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()))
  const url = `redis://127.0.0.1:${port}`
  return {
    url,
    port,
    ready: () =>
      waitForRedis(url, 10_000, () => child.exitCode !== null).then(
        () => undefined,
        () => {
          throw new Error(`redis-server on port ${port} did not start (is redis-server installed?): ${output.trim()}`)
        }
      ),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM")
        await exited
      }
    },
  }
}
