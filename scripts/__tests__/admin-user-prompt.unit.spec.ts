/**
 * `npm run admin-user` at a terminal: it prompts for the password, echoes
 * nothing of what is typed, and refuses a short one before starting Medusa.
 * util-linux `script` gives the command a real terminal.
 */
import { spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { join } from "node:path"

const SCRIPT = join(__dirname, "..", "admin-user.mjs")
const PROMPT = "Password (not shown): "

/** Runs the command at a terminal and types the password once the prompt shows. */
function atTerminal(typed: string): Promise<{ code: number | null; screen: string }> {
  if (!existsSync("/usr/bin/script")) {
    throw new Error("util-linux's script is missing; install it: apt-get install -y bsdutils")
  }
  const command = `${process.execPath} ${SCRIPT} staff@beauty-shop.test`
  const child = spawn("/usr/bin/script", ["-qec", command, "/dev/null"], {
    env: { PATH: process.env.PATH, TERM: "dumb" },
  })
  let screen = ""
  child.stdout.on("data", (chunk: Buffer) => {
    const before = screen
    screen += chunk.toString()
    if (!before.includes(PROMPT) && screen.includes(PROMPT)) {
      child.stdin.write(`${typed}\r`)
    }
  })
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000)
  return new Promise((resolve) =>
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, screen })
    })
  )
}

describe("npm run admin-user at a terminal", () => {
  it("asks for the password without echoing it and refuses a short one", async () => {
    const { code, screen } = await atTerminal("short-pw")
    expect(screen).toContain(PROMPT)
    expect(screen).toContain("error: the password must have at least 12 characters")
    expect(screen).not.toContain("TypeError")
    expect(screen).not.toContain("short-pw")
    expect(code).toBe(1)
  })
})
