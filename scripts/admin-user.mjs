#!/usr/bin/env node
// @ts-check
/**
 * `npm run admin-user -- you@shop.dk`: makes an admin user on DATABASE_URL.
 * The password is typed at a hidden prompt (or piped on standard input), so
 * it appears in no shell history, process list or log; it reaches the
 * `medusa exec` child only through its environment.
 */
import { spawn } from "node:child_process"
import { createInterface } from "node:readline"
import { join } from "node:path"

const MIN_PASSWORD_LENGTH = 12
const ROOT = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..")

/** @param {string} message */
function fail(message) {
  console.error(`error: ${message}`)
  process.exit(1)
}

/** @returns {Promise<string>} the first line of standard input, not echoed on a terminal */
function readPassword() {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY })
    if (process.stdin.isTTY) {
      process.stdout.write("Password (not shown): ")
      // Echo nothing of what is typed.
      const muted = /** @type {{ _writeToOutput: (text: string) => void }} */ (/** @type {unknown} */ (rl))
      muted._writeToOutput = () => undefined
    }
    let answered = false
    rl.once("line", (line) => {
      answered = true
      if (process.stdin.isTTY) process.stdout.write("\n")
      rl.close()
      resolve(line)
    })
    rl.once("close", () => {
      if (!answered) resolve("")
    })
  })
}

const email = process.argv[2]
if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
  fail("usage: npm run admin-user -- <email>  (the password is asked for, or read from standard input)")
}
if (process.argv.length > 3) {
  fail("give only the email; the password is asked for, never taken from the command line")
}
const password = await readPassword()
if (password.length < MIN_PASSWORD_LENGTH) {
  fail(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`)
}
const child = spawn(join(ROOT, "node_modules", ".bin", "medusa"), ["exec", "./src/scripts/admin-user.ts"], {
  cwd: ROOT,
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, MEDUSA_ADMIN_EMAIL: email, MEDUSA_ADMIN_PASSWORD: password },
})
child.on("exit", (code) => process.exit(code ?? 1))
