import { parseDatabaseExtra } from "../database"
import { errorOf } from "./config-error"

describe("parseDatabaseExtra", () => {
  it("accepts the Medusa 1 shape of DATABASE_EXTRA as an explicit no-verify request", () => {
    expect(parseDatabaseExtra('{"ssl":{"rejectUnauthorized":false}}')).toEqual({ ssl: "require", connection: {} })
  })

  it("accepts the Medusa 2 shape with pool settings and other pg options", () => {
    expect(
      parseDatabaseExtra(
        '{"connection":{"ssl":{"rejectUnauthorized":true,"ca":"PEM"},"statement_timeout":5000},"pool":{"min":0,"max":4}}'
      )
    ).toEqual({
      ssl: "verify-full",
      ca: "PEM",
      connection: { statement_timeout: 5000 },
      pool: { min: 0, max: 4 },
    })
  })

  it("turns malformed JSON into a one-line error naming the variable", () => {
    const message = errorOf(() => parseDatabaseExtra("{ssl: false")).message
    expect(message).toMatch(/^DATABASE_EXTRA: is not valid JSON \(.+\); e\.g\. \{"connection"/)
    expect(message).not.toContain("\n")
  })

  it("rejects unknown keys rather than ignoring them", () => {
    expect(errorOf(() => parseDatabaseExtra('{"sll":{}}')).message).toMatch(/^DATABASE_EXTRA: .*sll/)
  })

  it("rejects pool keys Medusa would silently drop", () => {
    expect(errorOf(() => parseDatabaseExtra('{"pool":{"acquireTimeoutMillis":1}}')).message).toMatch(
      /^DATABASE_EXTRA: .*acquireTimeoutMillis/
    )
  })

  it("rejects ssl given in both shapes at once", () => {
    expect(errorOf(() => parseDatabaseExtra('{"ssl":true,"connection":{"ssl":false}}')).message).toContain(
      "sets ssl twice"
    )
  })

  it("treats a blank value as unset", () => {
    expect(parseDatabaseExtra("  ")).toBeUndefined()
  })
})
