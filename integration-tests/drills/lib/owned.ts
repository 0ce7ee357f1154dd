import { spawn } from "node:child_process"
import { closeSync, existsSync, openSync } from "node:fs"
import { join } from "node:path"
import Redis from "ioredis"
import { signalGroup } from "../../helpers/processes"
import { groupAlive } from "../../e2e/lib/services"
import { runningShop, updateRunningShop } from "../../e2e/lib/shop"

// Stopping and starting the services the drills own (their Redis, their pooler) by process group, with the
// command the global setup recorded in shop.json, so the teardown stops whichever runs at the end.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Resolves once Redis at the URL answers PING; rejects after the timeout. */
export async function waitForRedis(url: string, timeoutMs: number): Promise<number> {
  const started = Date.now()
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
    client.on("error", () => undefined)
    try {
      await client.connect()
      await client.ping()
      return Date.now() - started
    } catch (error) {
      if (Date.now() - started > timeoutMs) {
        throw new Error(`Redis at ${url} did not answer within ${timeoutMs} ms: ${(error as Error).message}`)
      }
      await sleep(100)
    } finally {
      client.disconnect()
    }
  }
}

/** Stops an owned service (SIGTERM, SIGKILL after 10 s, or SIGKILL at once) and waits until it is gone. */
export async function stopOwned(name: string, signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): Promise<void> {
  const pid = runningShop().pids[name]
  signalGroup(pid, signal)
  const deadline = Date.now() + 10_000
  while (groupAlive(pid) && Date.now() < deadline) await sleep(50)
  if (groupAlive(pid)) signalGroup(pid, "SIGKILL")
  while (groupAlive(pid)) await sleep(50)
}

/** Starts an owned service again with its recorded command, in a process group of its own, logging beside the others. */
export function startOwned(name: string): number {
  const shop = runningShop()
  const owned = shop.owned?.[name]
  if (!owned) throw new Error(`shop.json records no owned service "${name}"`)
  let log = join(shop.artifacts, `${name}.log`)
  for (let n = 2; existsSync(log); n += 1) log = join(shop.artifacts, `${name}.${n}.log`)
  const output = openSync(log, "a")
  const child = spawn("sh", ["-c", owned.command], {
    cwd: owned.cwd,
    env: { PATH: process.env.PATH },
    detached: true,
    stdio: ["ignore", output, output],
  })
  closeSync(output)
  child.unref()
  const pid = child.pid!
  process.on("exit", () => signalGroup(pid, "SIGKILL"))
  updateRunningShop((running) => {
    running.pids[name] = pid
  })
  return pid
}
