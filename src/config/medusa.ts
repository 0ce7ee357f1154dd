import type { InputConfigWithArrayModules as InputConfig } from "@medusajs/framework/types"
import { buildConfig } from "./index"
import { ConfigError } from "./errors"
import { maskSecretsInText } from "./mask"
import { printsAt } from "./log-level"
import { leaveSearchPathToTheRole } from "../internals/knex-search-path"

const LOGGED = Symbol.for("beauty-shop.config-logged")

/**
 * The impure edge of the config module, used only by medusa-config.ts: build,
 * say once per process what was configured, and turn a ConfigError into one
 * line on stderr and exit code 1 instead of a stack trace.
 */
export function configFromEnvironment(env: NodeJS.ProcessEnv): InputConfig {
  try {
    const built = buildConfig(env)
    const throughTransactionPooler = built.database?.pooler === "transaction"
    if (throughTransactionPooler) {
      leaveSearchPathToTheRole()
    }
    const globals = globalThis as Record<symbol, unknown>
    if (!globals[LOGGED]) {
      globals[LOGGED] = true
      if (printsAt("info", env.LOG_LEVEL)) {
        for (const line of built.summary) {
          console.log(`[config] ${line}`)
        }
        if (throughTransactionPooler) {
          console.log(
            "[config] database: no SET search_path on new connections (it would stay behind on the pooler's server sessions)"
          )
        }
      }
      if (printsAt("warn", env.LOG_LEVEL)) {
        for (const warning of built.warnings) {
          console.warn(`[config] warning: ${maskSecretsInText(warning.message)}; fix: ${warning.fix}`)
        }
      }
    }
    return built.config
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[config] error: ${maskSecretsInText(error.message)}`)
      process.exit(1)
    }
    throw error
  }
}
