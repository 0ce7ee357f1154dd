// @ts-check
/**
 * The processes `npm run bench` starts: each in a process group of its own,
 * its output kept in a log file, timed until its healthcheck answers 200, its
 * RSS read with ps, and every one stopped by its group's PID at the end or on
 * an error or a signal.
 */
import { spawnSync } from "node:child_process"
import { createWriteStream, readFileSync } from "node:fs"
import { join } from "node:path"
import { signalGroup, spawnGroup } from "../process-groups.js"

/**
 * @typedef {{ name: string, pid: number, logFile: string, output: () => string,
 *   exitCode: () => number | null, exited: Promise<number | null> }} Started
 */

/** @type {Set<Started>} */
const running = new Set()

/**
 * Starts a command in a group of its own; its output goes to logDir/<name>.log.
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env: NodeJS.ProcessEnv, logDir: string }} options
 * @returns {Started}
 */
export function start(name, command, args, { cwd, env, logDir }) {
  const logFile = join(logDir, `${name}.log`)
  const log = createWriteStream(logFile, { flags: "a" })
  const child = spawnGroup(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] })
  let output = ""
  /** @param {Buffer} chunk */
  const collect = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000)
    log.write(chunk)
  }
  child.stdout?.on("data", collect)
  child.stderr?.on("data", collect)
  /** @type {Started} */
  const started = {
    name,
    pid: /** @type {number} */ (child.pid),
    logFile,
    output: () => output,
    exitCode: () => child.exitCode ?? (child.signalCode ? 1 : null),
    exited: new Promise((resolve) => child.on("close", (code) => resolve(code))),
  }
  running.add(started)
  // Kept after the exit: what the command started may outlive it in its group.
  started.exited.then(() => log.end())
  return started
}

/**
 * Runs a command to completion and fails with the end of its output unless it exits 0.
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env: NodeJS.ProcessEnv, logDir: string }} options
 * @returns {Promise<string>} its output
 */
export async function run(name, command, args, options) {
  const started = start(name, command, args, options)
  const code = await started.exited
  if (code !== 0) {
    throw new Error(`${name} exited with ${code}:\n${started.output().slice(-4000)}`)
  }
  return started.output()
}

/**
 * Seconds from `since` until url answers 200, polled every 100 ms; fails when
 * the process exits first or the limit passes.
 * @param {Started} service
 * @param {string} url
 * @param {number} since Date.now() when the process was started
 * @param {number} limitSeconds
 * @returns {Promise<number>}
 */
export async function secondsToReady(service, url, since, limitSeconds) {
  while (Date.now() - since < limitSeconds * 1000) {
    if (service.exitCode() !== null) {
      throw new Error(`${service.name} exited before ${url} answered 200:\n${service.output().slice(-3000)}`)
    }
    const status = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      (response) => response.status,
      () => 0
    )
    if (status === 200) {
      return (Date.now() - since) / 1000
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(
    `${service.name}: ${url} did not answer 200 within ${limitSeconds} s:\n${service.output().slice(-3000)}`
  )
}

/**
 * RSS in MiB of the process in the group whose command line matches `pattern`
 * (the `medusa start` process, not npm or the start script around it).
 * @param {number} groupId
 * @param {RegExp} pattern
 * @returns {number | undefined}
 */
export function rssMiB(groupId, pattern) {
  const ps = spawnSync("ps", ["-o", "pid=,rss=,args=", "-g", String(groupId)], { encoding: "utf8" })
  const line = ps.stdout.split("\n").find((l) => pattern.test(l) && !/\bsh -c\b/.test(l))
  return line ? Number(line.trim().split(/\s+/)[1]) / 1024 : undefined
}

/**
 * @typedef {{ pid: number, ppid: number, rssKiB: number, args: string }} PsRow
 */

/**
 * The rows of `ps -o pid=,ppid=,rss=,args=`.
 * @param {string} output
 * @returns {PsRow[]}
 */
export function parsePs(output) {
  return output
    .split("\n")
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/))
    .filter(/** @returns {m is RegExpMatchArray} */ (m) => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), rssKiB: Number(m[3]), args: m[4] ?? "" }))
}

/**
 * The first process whose command line matches `pattern` (not a shell
 * running it) and every process under it: `medusa start --cluster` is a
 * primary and its forks, each with a heap of its own.
 * @param {PsRow[]} rows
 * @param {RegExp} pattern
 * @returns {PsRow[]} the root first; empty when none matches
 */
export function processTree(rows, pattern) {
  const root = rows.find((row) => pattern.test(row.args) && !/\bsh -c\b/.test(row.args))
  if (!root) return []
  const tree = [root]
  for (let i = 0; i < tree.length; i++) {
    const parent = /** @type {PsRow} */ (tree[i])
    tree.push(...rows.filter((row) => row.ppid === parent.pid))
  }
  return tree
}

/** @param {number} groupId */
const groupRows = (groupId) =>
  parsePs(spawnSync("ps", ["-o", "pid=,ppid=,rss=,args=", "-g", String(groupId)], { encoding: "utf8" }).stdout)

/**
 * RSS in MiB of the process in the group matching `pattern` and everything
 * under it, summed, and how many processes that is; undefined when none matches.
 * @param {number} groupId
 * @param {RegExp} pattern
 * @returns {{ mib: number, processes: number } | undefined}
 */
export function treeRssMiB(groupId, pattern) {
  const tree = processTree(groupRows(groupId), pattern)
  if (!tree.length) return undefined
  return { mib: tree.reduce((sum, row) => sum + row.rssKiB, 0) / 1024, processes: tree.length }
}

/** Clock ticks per second of /proc's CPU times. */
const TICKS_PER_SECOND = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100

/**
 * CPU seconds (user and system) the process has used, from /proc/<pid>/stat.
 * @param {number} pid
 * @returns {number | undefined}
 */
function cpuSeconds(pid) {
  try {
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis start at field 3.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
  } catch {
    return undefined
  }
}

/**
 * CPU seconds (user and system) the process in the group matching `pattern`
 * and every process under it have used so far; undefined when none matches or
 * one of them is gone.
 * @param {number} groupId
 * @param {RegExp} pattern
 * @returns {number | undefined}
 */
export function treeCpuSeconds(groupId, pattern) {
  const times = processTree(groupRows(groupId), pattern).map((row) => cpuSeconds(row.pid))
  if (!times.length || times.some((t) => t === undefined)) return undefined
  return times.reduce((sum, t) => (sum ?? 0) + (t ?? 0), 0)
}

/**
 * Waits until the process in the group whose command line matches `pattern`,
 * with the processes under it (a cluster's forks), uses less than
 * `busyShare` of a core over a second, or `limitSeconds` pass. A server goes
 * on computing the answers its clients stopped waiting for when a load phase
 * ends; the next phase should not start under them.
 * @param {number} groupId
 * @param {RegExp} pattern
 * @param {{ busyShare?: number, limitSeconds?: number }} [options]
 * @returns {Promise<number>} the seconds waited
 */
export async function waitUntilIdle(groupId, pattern, { busyShare = 0.15, limitSeconds = 60 } = {}) {
  const pids = processTree(groupRows(groupId), pattern).map((row) => row.pid)
  const used = () => {
    const times = pids.map(cpuSeconds)
    return times.some((t) => t === undefined) ? undefined : times.reduce((sum, t) => sum + (t ?? 0), 0)
  }
  const began = Date.now()
  let before = pids.length ? used() : undefined
  while (before !== undefined && Date.now() - began < limitSeconds * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const after = used()
    if (after === undefined || after - before < busyShare) break
    before = after
  }
  return (Date.now() - began) / 1000
}

/**
 * SIGTERM to the group, SIGKILL to what is left after the grace period.
 * @param {Started} service
 * @param {number} [graceMs]
 */
export async function stop(service, graceMs = 15_000) {
  signalGroup(service.pid, "SIGTERM")
  for (let waited = 0; waited < graceMs && signalGroup(service.pid, 0); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  signalGroup(service.pid, "SIGKILL")
  await service.exited
}

/** Synchronous last resort for the exit handler: SIGKILL to every group still running. */
export function killAllNow() {
  for (const service of running) {
    signalGroup(service.pid, "SIGKILL")
  }
}
