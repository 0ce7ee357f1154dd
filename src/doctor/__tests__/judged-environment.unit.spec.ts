import { readFileSync } from "node:fs"
import { join } from "node:path"
import { DEPLOY_NODE_ENV, judgedEnvironment } from "../judged-environment"

describe("doctor: the environment it judges", () => {
  it("judges an env without NODE_ENV as production, like the start scripts", () => {
    const judged = judgedEnvironment({ DATABASE_URL: "postgres://x@h/db" }, { development: false })
    expect(judged.production).toBe(true)
    expect(judged.env.NODE_ENV).toBe("production")
    expect(judged.note).toMatch(/^production \(NODE_ENV unset/)
  })

  it("treats NODE_ENV=prod as production, as Medusa does", () => {
    expect(judgedEnvironment({ NODE_ENV: "prod" }, { development: false }).production).toBe(true)
  })

  it("honours NODE_ENV=development", () => {
    const judged = judgedEnvironment({ NODE_ENV: "development" }, { development: false })
    expect(judged.production).toBe(false)
    expect(judged.note).toBe("development (NODE_ENV=development)")
  })

  it("judges a development setup when asked with --development", () => {
    const judged = judgedEnvironment({ NODE_ENV: "production" }, { development: true })
    expect(judged.production).toBe(false)
    expect(judged.env.NODE_ENV).toBe("development")
  })

  it.each(["start.mjs", "migrate.mjs"])("agrees with scripts/%s on what an unset NODE_ENV means", (script) => {
    const source = readFileSync(join(__dirname, "..", "..", "..", "scripts", script), "utf8")
    expect(source).toContain(`NODE_ENV: process.env.NODE_ENV || "${DEPLOY_NODE_ENV}"`)
  })
})
