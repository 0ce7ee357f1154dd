/**
 * The heap ceiling the start scripts give Medusa (scripts/lib/node-options.mjs).
 * The module is an ES module, which jest's CommonJS runtime cannot load, so
 * each case runs it in a Node process.
 */
import { spawnSync } from "node:child_process"
import { join } from "node:path"
import { pathToFileURL } from "node:url"

function withHeapCeiling(nodeOptions: string | undefined): string {
  const url = pathToFileURL(join(__dirname, "..", "lib", "node-options.mjs")).href
  const source = `const m = await import(${JSON.stringify(url)}); console.log(JSON.stringify(m.withHeapCeiling(${JSON.stringify(nodeOptions ?? null)} ?? undefined)))`
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", source], { encoding: "utf8" })
  if (result.status !== 0) throw new Error(result.stderr)
  return JSON.parse(result.stdout)
}

describe("withHeapCeiling", () => {
  it("gives Medusa a 448 MiB old generation when nothing is set", () => {
    expect(withHeapCeiling(undefined)).toBe("--max-old-space-size=448")
    expect(withHeapCeiling("  ")).toBe("--max-old-space-size=448")
  })

  it("keeps the caller's options and adds the ceiling after them", () => {
    expect(withHeapCeiling('--require "/x/stripe-redirect.js"')).toBe(
      '--require "/x/stripe-redirect.js" --max-old-space-size=448'
    )
  })

  it("leaves an operator's own ceiling alone", () => {
    expect(withHeapCeiling("--max-old-space-size=1024")).toBe("--max-old-space-size=1024")
    expect(withHeapCeiling("--enable-source-maps --max-old-space-size 2048")).toBe(
      "--enable-source-maps --max-old-space-size 2048"
    )
  })
})
