import { spawn } from "node:child_process"
import { closeSync, openSync } from "node:fs"
import { join } from "node:path"
import { groupAlive, stopGroups } from "./services"
import { logOf, REPO, type RunningShop } from "./shop"

/**
 * One more server process of the running shop, as Railway runs a second
 * replica: the same start command and variables (plus `extraEnv`) on its own
 * port. The spec that starts it stops it; shop.json does not record it.
 */
export interface Replica {
  url: string
  pid: number
  log: string
  stop: () => Promise<number>
}

export async function startServerReplica(
  shop: RunningShop,
  port: number,
  extraEnv: Record<string, string> = {},
  timeoutSeconds = 120
): Promise<Replica> {
  const log = join(shop.artifacts, `server-replica-${port}.log`)
  const output = openSync(log, "w")
  const child = spawn("sh", ["-c", "npm run start:server"], {
    cwd: REPO,
    env: { ...shop.env, ...extraEnv, PORT: String(port) },
    detached: true,
    stdio: ["ignore", output, output],
  })
  closeSync(output)
  child.unref()
  const pid = child.pid!
  process.on("exit", () => groupAlive(pid) && process.kill(-pid, "SIGKILL"))
  const url = `http://localhost:${port}`
  const replica = { url, pid, log, stop: () => stopGroups([pid]) }
  const deadline = Date.now() + timeoutSeconds * 1000
  while (Date.now() < deadline) {
    if (!groupAlive(pid)) throw new Error(`replica on ${port} exited:\n${logOf(log).slice(-3000)}`)
    const status = await fetch(`${url}/health/ready`).then(
      (r) => r.status,
      () => 0
    )
    if (status === 200) return replica
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
  await replica.stop()
  throw new Error(
    `replica on ${port}: /health/ready did not answer 200 in ${timeoutSeconds} s:\n${logOf(log).slice(-3000)}`
  )
}
