/**
 * A configuration problem the operator must fix. Its message is one line that
 * names the variable and says how to fix it, so it can be printed as-is
 * (no stack trace) by medusa-config.ts and by other entry points.
 */
export class ConfigError extends Error {
  readonly variable: string

  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`)
    this.name = "ConfigError"
    this.variable = variable
  }
}

interface IssueLike {
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>
}

/** The first zod issue as "path: message", one line. */
export function describeIssue(error: IssueLike): string {
  const issue = error.issues[0]
  if (!issue) {
    return "invalid value"
  }
  const path = issue.path.map(String).join(".")
  return path ? `${path}: ${issue.message}` : issue.message
}

/**
 * Something the operator should change although the backend can run. It
 * carries its own fix, written where the warning is made, so every tool that
 * shows it (the start-up log, npm run doctor) gives the same advice.
 */
export interface ConfigWarning {
  message: string
  fix: string
}

export function configWarning(message: string, fix: string): ConfigWarning {
  return { message, fix }
}
