// @ts-check
import { spawn } from "node:child_process"

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
export async function runInOwnProcessGroup(command, args, { cwd, env, onSignal }) {
  const child = spawn(command, args, { cwd, env, stdio: "inherit", detached: true })
  /** @param {NodeJS.Signals | 0} signal 0 only asks whether the group still exists */
  const signalGroup = (signal) => {
    try {
      process.kill(-(/** @type {number} */ (child.pid)), signal)
      return true
    } catch {
      return false
    }
  }
  let interrupted = false
  /** @param {NodeJS.Signals} signal */
  const forward = (signal) => {
    if (!interrupted) {
      interrupted = true
      onSignal(signal)
    }
    signalGroup(signal)
  }
  const signals = /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])
  for (const signal of signals) process.on(signal, forward)
  const code = await new Promise((resolve) => child.on("close", (c) => resolve(c ?? 0)))
  signalGroup("SIGTERM")
  for (let waited = 0; waited < 10_000 && signalGroup(0); waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  signalGroup("SIGKILL")
  for (const signal of signals) process.off(signal, forward)
  return { code: Number(code), interrupted }
}
