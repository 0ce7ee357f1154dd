import { join } from "node:path"
import settings from "../../../.railway/deploy.json"
import { signalGroup } from "../../../scripts/lib/process-groups"
import { spawnGroup, stopGroups, waitHealthy, type Service } from "./services"
import { REPO, type RunningShop } from "./shop"

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
  const pid = spawnGroup(`npm run start:${service}`, {
    cwd: REPO,
    env: { ...shop.env, ...extraEnv, PORT: String(port) },
    log,
  })
  process.on("exit", () => signalGroup(pid, "SIGKILL"))
  const url = `http://localhost:${port}`
  const replica = { url, pid, log, stop: () => stopGroups([pid]) }
  try {
    await waitHealthy(
      `${service} replica on ${port}`,
      pid,
      `${url}${settings.services[service].healthcheckPath}`,
      log,
      timeoutSeconds
    )
  } catch (error) {
    await replica.stop()
    throw error
  }
  return replica
}

export const startServerReplica = (
  shop: RunningShop,
  port: number,
  extraEnv: Record<string, string> = {},
  timeoutSeconds = 120
) => startReplica(shop, "server", port, extraEnv, timeoutSeconds)
