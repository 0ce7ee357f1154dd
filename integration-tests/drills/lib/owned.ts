import { existsSync } from "node:fs"
import { join } from "node:path"
import { signalGroup } from "../../helpers/processes"
import { spawnGroup, stopGroups } from "../../e2e/lib/services"
import { runningShop, updateRunningShop } from "../../e2e/lib/shop"

// Stopping and starting the services the drills own (their Redis, their pooler) by process group, with the
// command the global setup recorded in shop.json, so the teardown stops whichever runs at the end.

/** Stops an owned service (SIGTERM, SIGKILL after 10 s) and waits until its process group is gone. */
export async function stopOwned(name: string): Promise<void> {
  await stopGroups([runningShop().pids[name]], 10_000)
}

/** Starts an owned service again with its recorded command, in a process group of its own, logging beside the others. */
export function startOwned(name: string): number {
  const shop = runningShop()
  const owned = shop.owned?.[name]
  if (!owned) throw new Error(`shop.json records no owned service "${name}"`)
  let log = join(shop.artifacts, `${name}.log`)
  for (let n = 2; existsSync(log); n += 1) log = join(shop.artifacts, `${name}.${n}.log`)
  const pid = spawnGroup(owned.command, { cwd: owned.cwd, env: { PATH: process.env.PATH }, log })
  process.on("exit", () => signalGroup(pid, "SIGKILL"))
  updateRunningShop((running) => {
    running.pids[name] = pid
  })
  return pid
}
