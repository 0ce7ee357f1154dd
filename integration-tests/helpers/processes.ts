import { spawnSync, type ChildProcess } from "node:child_process"
import { createWriteStream, type WriteStream } from "node:fs"
import { join } from "node:path"
import { signalGroup, spawnGroup } from "../../scripts/lib/process-groups"

export { signalGroup }

export interface Tracked {
  name: string
  pid: number
  child: ChildProcess
  /** Everything the process printed so far (stdout and stderr). */
  output: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  logFile: string
}

/**
 * Starts processes in their own process groups, keeps their output, and
 * stops every one of them by PID (group) at the end, whatever happened.
 */
export class ProcessTracker {
  private readonly tracked: Tracked[] = []

  constructor(private readonly logDir: string) {}

  /** Runs a shell command the way Railway runs a deploy file's command. */
  start(name: string, command: string, options: { cwd: string; env: NodeJS.ProcessEnv }): Tracked {
    const logFile = join(this.logDir, `${name}.log`)
    const log: WriteStream = createWriteStream(logFile)
    const child = spawnGroup("sh", ["-c", command], {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
    })
    let output = ""
    const collect = (chunk: Buffer) => {
      output += chunk.toString()
      log.write(chunk)
    }
    child.stdout!.on("data", collect)
    child.stderr!.on("data", collect)
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("close", (code, signal) => {
        log.end()
        resolve({ code, signal })
      })
    )
    const tracked: Tracked = { name, pid: child.pid!, child, output: () => output, exited, logFile }
    this.tracked.push(tracked)
    return tracked
  }

  /** Runs a command to completion; resolves with its exit code and output. */
  async run(name: string, command: string, options: { cwd: string; env: NodeJS.ProcessEnv }) {
    const started = Date.now()
    const tracked = this.start(name, command, options)
    const { code } = await tracked.exited
    return { name, code, output: tracked.output(), seconds: (Date.now() - started) / 1000 }
  }

  /** SIGTERM to each group, SIGKILL to whatever is left after the grace period. */
  async stopAll(graceMs = 20_000): Promise<void> {
    const running = this.tracked.filter((t) => t.child.exitCode === null && t.child.signalCode === null)
    for (const t of running) {
      signalGroup(t.pid, "SIGTERM")
    }
    await Promise.race([
      Promise.all(running.map((t) => t.exited)),
      new Promise((resolve) => setTimeout(resolve, graceMs)),
    ])
    for (const t of running) {
      signalGroup(t.pid, "SIGKILL")
    }
  }

  /** Synchronous last resort for process exit handlers. */
  killAllNow(): void {
    for (const t of this.tracked) {
      signalGroup(t.pid, "SIGKILL")
    }
  }
}

/** RSS in MiB of the `medusa start` process inside a process group. */
export function medusaRssMiB(groupId: number): number | undefined {
  const ps = spawnSync("ps", ["-o", "pid=,rss=,args=", "-g", String(groupId)], { encoding: "utf8" })
  const line = ps.stdout.split("\n").find((l) => /medusa start/.test(l) && !/sh -c/.test(l))
  if (!line) {
    return undefined
  }
  const rssKiB = Number(line.trim().split(/\s+/)[1])
  return Math.round(rssKiB / 1024)
}

/**
 * Polls a service's healthcheck as Railway does until it answers 200; fails
 * with the service's last output when it exits first or never answers.
 * Resolves with the seconds it took.
 */
export async function pollHealth(service: Tracked, url: string, timeoutSeconds: number): Promise<number> {
  const started = Date.now()
  while (Date.now() - started < timeoutSeconds * 1000) {
    if (service.child.exitCode !== null) {
      throw new Error(
        `${service.name} exited (${service.child.exitCode}) before ${url} answered 200:\n${service.output().slice(-3000)}`
      )
    }
    const status = await fetch(url).then(
      (r) => r.status,
      () => 0
    ) // 0: not listening yet
    if (status === 200) {
      return (Date.now() - started) / 1000
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(
    `${service.name}: ${url} did not answer 200 within ${timeoutSeconds} s:\n${service.output().slice(-3000)}`
  )
}

/**
 * Polls a service's readiness until it answers 503 with `status: "starting"`:
 * the start script waiting for migrations. Resolves with that answer.
 */
export async function pollStarting(
  service: Tracked,
  url: string,
  timeoutSeconds: number
): Promise<{ status: number; body: any }> {
  const started = Date.now()
  while (Date.now() - started < timeoutSeconds * 1000) {
    if (service.child.exitCode !== null) {
      throw new Error(
        `${service.name} exited (${service.child.exitCode}) while it should wait:\n${service.output().slice(-3000)}`
      )
    }
    const answer = await fetch(url).then(
      async (r) => ({ status: r.status, body: await r.json().catch(() => undefined) }),
      () => undefined // not listening yet
    )
    if (answer?.status === 503 && answer.body?.status === "starting") {
      return answer
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(
    `${service.name}: ${url} did not answer 503 "starting" within ${timeoutSeconds} s:\n${service.output().slice(-3000)}`
  )
}

/** The PID of the start script (node scripts/start.mjs) inside a process group. */
export function startScriptPid(groupId: number): number | undefined {
  const ps = spawnSync("ps", ["-o", "pid=,args=", "-g", String(groupId)], { encoding: "utf8" })
  const line = ps.stdout.split("\n").find((l) => /node \S*scripts\/start\.mjs /.test(l))
  return line ? Number(line.trim().split(/\s+/)[0]) : undefined
}
