import type { ChildProcess, SpawnOptions } from "node:child_process"

export function signalGroup(groupId: number, signal: NodeJS.Signals | 0): boolean
export function groupAlive(groupId: number): boolean
export function spawnGroup(command: string, args: string[], options: SpawnOptions): ChildProcess
export function stopGroups(groupIds: number[], options?: { graceMs?: number; afterKillMs?: number }): Promise<number>
export function runInOwnProcessGroup(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; onSignal: (signal: NodeJS.Signals) => void }
): Promise<{ code: number; interrupted: boolean }>
