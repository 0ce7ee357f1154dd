/**
 * `npm run doctor [-- --env-file .env.production] [--development]`: checks a
 * deploy's configuration without starting Medusa, and prints a table with a
 * fix for every problem. Exit code 0 (all pass), 1 (warnings), 2 (failures).
 *
 * It judges what the start scripts run: an unset NODE_ENV is production
 * there, so it is production here; --development checks a local setup.
 *
 * Reads the current environment, or only the given .env file (Railway's
 * "Copy variables" output pasted into a file works) so the result does not
 * depend on the shell it runs in.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { parseEnv } from "node:util"
import { runDoctor } from "./run"

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name)
  return index === -1 ? undefined : process.argv[index + 1]
}

async function main(): Promise<void> {
  const envFile = argValue("--env-file")
  let env: Record<string, string | undefined> = process.env
  if (envFile) {
    try {
      env = parseEnv(readFileSync(envFile, "utf8"))
    } catch (error) {
      console.error(`doctor: cannot read ${envFile}: ${(error as Error).message}`)
      process.exit(2)
    }
  }
  const root = join(__dirname, "..", "..")
  const engines = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).engines?.node ?? ""
  const development = process.argv.includes("--development")
  const { table, code } = await runDoctor({
    env,
    root,
    nodeVersion: process.version,
    enginesNode: engines,
    development,
  })
  console.log(table)
  process.exit(code)
}

void main()
