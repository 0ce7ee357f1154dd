// @ts-check
/**
 * Process groups: how every launcher of this project starts something that starts others (npm, a shell, the
 * start script, Medusa) and stops all of it, the way Railway stops a service. One module for the npm scripts
 * (the dev launcher, the bench) and the test suites (their process tracker, the e2e services, the drills):
 * CommonJS, so ES-module scripts import it and TypeScript tests require it (./process-groups.d.ts).
 */
const { spawn } = require("node:child_process")

/**
 * Sends `signal` to every process of the group; 0 only asks whether the group still exists.
 * @param {number} groupId
 * @param {NodeJS.Signals | 0} signal
 * @returns {boolean} whether the group existed
 */
function signalGroup(groupId, signal) {
  try {
    process.kill(-groupId, signal)
    return true
  } catch {
    return false
  }
}

/**
 * Whether any process of the group is still alive.
 * @param {number} groupId
 */
const groupAlive = (groupId) => signalGroup(groupId, 0)

/**
 * Starts a command in a process group of its own (its pid is the group's id).
 * @param {string} command
 * @param {string[]} args
 * @param {import("node:child_process").SpawnOptions} options
 * @returns {import("node:child_process").ChildProcess}
 */
function spawnGroup(command, args, options) {
  return spawn(command, args, { ...options, detached: true })
}

/**
 * SIGTERM to each group, SIGKILL to those still alive after `graceMs`; resolves with the seconds until all were
 * gone (or `graceMs` + `afterKillMs` passed).
 * @param {number[]} groupIds
 * @param {{ graceMs?: number, afterKillMs?: number }} [options]
 * @returns {Promise<number>}
 */
async function stopGroups(groupIds, { graceMs = 20_000, afterKillMs = 5_000 } = {}) {
  const started = Date.now()
  const alive = () => groupIds.filter(groupAlive)
  const sleep = () => new Promise((resolve) => setTimeout(resolve, 100))
  for (const id of alive()) signalGroup(id, "SIGTERM")
  while (alive().length && Date.now() - started < graceMs) await sleep()
  for (const id of alive()) signalGroup(id, "SIGKILL")
  while (alive().length && Date.now() - started < graceMs + afterKillMs) await sleep()
  return (Date.now() - started) / 1000
}

/**
 * Runs a command in a process group of its own and passes SIGINT, SIGTERM and
 * SIGHUP on to the whole group. `medusa develop` runs the app as a child
 * (`medusa start --types`) that it does not stop on SIGINT itself, so only a
 * signal to the group stops both, whether it came from Ctrl-C, from kill or
 * from a closed terminal.
 *
 * Resolves once the command has exited and whatever of its group outlived it
 * is gone (SIGTERM, 10 s, then SIGKILL), so the caller can stop what runs
 * underneath (a database) knowing nothing of the app is left. `interrupted`
 * says whether a signal asked for the stop.
 *
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env: NodeJS.ProcessEnv, onSignal: (signal: NodeJS.Signals) => void }} options
 * @returns {Promise<{ code: number, interrupted: boolean }>}
 */
async function runInOwnProcessGroup(command, args, { cwd, env, onSignal }) {
  const child = spawnGroup(command, args, { cwd, env, stdio: "inherit" })
  const group = /** @type {number} */ (child.pid)
  let interrupted = false
  /** @param {NodeJS.Signals} signal */
  const forward = (signal) => {
    if (!interrupted) {
      interrupted = true
      onSignal(signal)
    }
    signalGroup(group, signal)
  }
  const signals = /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])
  for (const signal of signals) process.on(signal, forward)
  const code = await new Promise((resolve) => child.on("close", (c) => resolve(c ?? 0)))
  signalGroup(group, "SIGTERM")
  for (let waited = 0; waited < 10_000 && signalGroup(group, 0); waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  signalGroup(group, "SIGKILL")
  for (const signal of signals) process.off(signal, forward)
  return { code: Number(code), interrupted }
}

module.exports = { groupAlive, runInOwnProcessGroup, signalGroup, spawnGroup, stopGroups }
