import { closeSync, existsSync, openSync } from "node:fs"
import { join } from "node:path"
import * as groups from "../../../scripts/lib/process-groups"
import { logOf, REPO, runningShop, updateRunningShop, type RunningShop } from "./shop"

// Stopping and starting the shop's services the way Railway restarts a deploy: SIGTERM to the service's process
// group (npm and everything it started), and the same start command with the same variables. Whatever a spec
// starts is recorded in shop.json, so the specs after it find the new process and the global teardown stops it.

export type Service = "server" | "worker"

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export const groupAlive = groups.groupAlive

/**
 * SIGTERM to each group, SIGKILL to those still alive after the grace period; resolves with the seconds until
 * all were gone.
 */
export const stopGroups = (groupIds: number[], graceMs = 30_000): Promise<number> =>
  groups.stopGroups(groupIds, { graceMs })

/** Stops one service of the running shop and waits until its whole process group has exited. */
export async function stopService(shop: RunningShop, service: Service): Promise<number> {
  return stopGroups([shop.pids[service]])
}

function port(shop: RunningShop, service: Service): string {
  return new URL(service === "server" ? shop.serverUrl : shop.workerUrl).port
}

/** A log file name the service has not used yet: worker.log, then worker.2.log, … */
function nextLog(shop: RunningShop, service: Service): string {
  for (let n = 2; ; n += 1) {
    const file = join(shop.artifacts, `${service}.${n}.log`)
    if (!existsSync(file)) return file
  }
}

/**
 * Runs a shell command in a process group of its own that outlives the spec (whoever records its pid stops it),
 * its output appended to `log`; returns the group id.
 */
export function spawnGroup(command: string, options: { cwd: string; env: NodeJS.ProcessEnv; log: string }): number {
  const output = openSync(options.log, "a")
  const child = groups.spawnGroup("sh", ["-c", command], {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", output, output],
  })
  closeSync(output)
  child.unref()
  return child.pid!
}

/**
 * Polls a healthcheck until it answers 200; fails with the end of the log when the process group exits first or
 * the time runs out. Resolves with the seconds it took.
 */
export async function waitHealthy(
  what: string,
  groupId: number,
  url: string,
  log: string,
  timeoutSeconds = 120
): Promise<number> {
  const started = Date.now()
  while (Date.now() - started < timeoutSeconds * 1000) {
    if (!groupAlive(groupId)) {
      throw new Error(`${what} exited before ${url} answered 200:\n${logOf(log).slice(-3000)}`)
    }
    const status = await fetch(url).then(
      (r) => r.status,
      () => 0 // not listening yet
    )
    if (status === 200) return (Date.now() - started) / 1000
    await sleep(300)
  }
  throw new Error(`${what}: ${url} did not answer 200 in ${timeoutSeconds} s:\n${logOf(log).slice(-3000)}`)
}

/**
 * Starts a service with its npm script, port and the shop's variables (plus `extraEnv`), and records it in
 * shop.json, so the specs after this one and the teardown find it. Resolves once its healthcheck answers 200.
 */
export async function startService(
  shop: RunningShop,
  service: Service,
  timeoutSeconds = 120,
  extraEnv: Record<string, string> = {}
): Promise<{ shop: RunningShop; pid: number; log: string; healthySeconds: number }> {
  const log = nextLog(shop, service)
  const pid = spawnGroup(`npm run start:${service}`, {
    cwd: REPO,
    env: { ...shop.env, ...extraEnv, PORT: port(shop, service) },
    log,
  })
  const updated = updateRunningShop((running) => {
    running.pids[service] = pid
    running.logs[service] = log
  })
  const healthySeconds = await waitHealthy(service, pid, shop.health[service], log, timeoutSeconds)
  return { shop: updated, pid, log, healthySeconds }
}

/** Starts each service of the shop that is not running, so the specs after this one find the whole shop. */
export async function ensureServicesRunning(): Promise<void> {
  for (const service of ["server", "worker"] as const) {
    const shop = runningShop()
    if (!groupAlive(shop.pids[service])) await startService(shop, service)
  }
}
