import { spawn } from "node:child_process"
import { closeSync, openSync } from "node:fs"
import { join } from "node:path"
import settings from "../../../.railway/deploy.json"
import { groupAlive, stopGroups, type Service } from "./services"
import { logOf, REPO, type RunningShop } from "./shop"

/**
 * One more process of a service of the running shop, as Railway runs a second replica: the same start command
 * and variables (plus `extraEnv`) on its own port. The spec that starts it stops it; shop.json does not record it.
 */
export interface Replica {
  url: string
  pid: number
  log: string
  stop: () => Promise<number>
}

export async function startReplica(
  shop: RunningShop,
  service: Service,
  port: number,
  extraEnv: Record<string, string> = {},
  timeoutSeconds = 120
): Promise<Replica> {
  const log = join(shop.artifacts, `${service}-replica-${port}.log`)
  const output = openSync(log, "w")
  const child = spawn("sh", ["-c", `npm run start:${service}`], {
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
  const health = `${url}${settings.services[service].healthcheckPath}`
  const deadline = Date.now() + timeoutSeconds * 1000
  while (Date.now() < deadline) {
    if (!groupAlive(pid)) throw new Error(`${service} replica on ${port} exited:\n${logOf(log).slice(-3000)}`)
    const status = await fetch(health).then(
      (r) => r.status,
      () => 0
    )
    if (status === 200) return replica
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
  await replica.stop()
  throw new Error(
    `${service} replica on ${port}: ${health} did not answer 200 in ${timeoutSeconds} s:\n${logOf(log).slice(-3000)}`
  )
}

export const startServerReplica = (
  shop: RunningShop,
  port: number,
  extraEnv: Record<string, string> = {},
  timeoutSeconds = 120
) => startReplica(shop, "server", port, extraEnv, timeoutSeconds)
