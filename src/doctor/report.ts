import { maskSecretsInText } from "../config/mask"

export type Status = "pass" | "warn" | "fail"

export interface CheckResult {
  check: string
  status: Status
  detail: string
  /** What to do about it; empty for a pass. */
  fix?: string
}

export const pass = (check: string, detail: string): CheckResult => ({ check, status: "pass", detail })
export const warn = (check: string, detail: string, fix: string): CheckResult => ({
  check,
  status: "warn",
  detail,
  fix,
})
export const fail = (check: string, detail: string, fix: string): CheckResult => ({
  check,
  status: "fail",
  detail,
  fix,
})

/** 0 all passed, 1 warnings only, 2 at least one failure. */
export function exitCode(results: CheckResult[]): 0 | 1 | 2 {
  if (results.some((r) => r.status === "fail")) {
    return 2
  }
  return results.some((r) => r.status === "warn") ? 1 : 0
}

const MARK: Record<Status, string> = { pass: "PASS", warn: "WARN", fail: "FAIL" }

/** A plain-text table an operator can read in a terminal or a CI log; secrets masked. */
export function formatTable(results: CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.check.length), "check".length)
  const lines = [`${"status".padEnd(6)}  ${"check".padEnd(width)}  detail`]
  for (const r of results) {
    lines.push(`${MARK[r.status].padEnd(6)}  ${r.check.padEnd(width)}  ${r.detail}`)
    if (r.fix) {
      lines.push(`${"".padEnd(6)}  ${"".padEnd(width)}  fix: ${r.fix}`)
    }
  }
  const counts = (s: Status) => results.filter((r) => r.status === s).length
  lines.push("", `doctor: ${counts("pass")} pass, ${counts("warn")} warn, ${counts("fail")} fail`)
  return maskSecretsInText(lines.join("\n"))
}
