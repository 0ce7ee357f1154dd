import { readdirSync, readFileSync } from "node:fs"

/** A process of a group, as /proc shows it: its pid, command line and resident memory in MiB. */
export interface GroupProcess {
  pid: number
  command: string
  rssMiB: number
}

function readProcess(pid: number): (GroupProcess & { group: number }) | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid pgrp …"; comm may hold spaces, so read after its ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
    const group = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2])
    const rssKiB = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0)
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim()
    return { pid, group, command, rssMiB: rssKiB / 1024 }
  } catch {
    return undefined // gone meanwhile
  }
}

/**
 * The process of a service's group that holds the most memory: the Node process running Medusa, under npm and
 * the start script (integration-tests/e2e/lib/services.ts starts each service in a process group of its own).
 */
export function largestInGroup(groupId: number): GroupProcess | undefined {
  let largest: GroupProcess | undefined
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue
    const found = readProcess(Number(name))
    if (found?.group === groupId && (!largest || found.rssMiB > largest.rssMiB)) {
      largest = { pid: found.pid, command: found.command, rssMiB: found.rssMiB }
    }
  }
  return largest
}

/** The resident memory of one process in MiB, or undefined once it has exited. */
export function rssOf(pid: number): number | undefined {
  return readProcess(pid)?.rssMiB
}
