import { migrationTarget } from "../migration"
import { errorOf } from "./config-error"

const TX = "postgresql://postgres.ref:pw@aws-1-eu-west-1.pooler.supabase.com:6543/postgres"
const SESSION = "postgresql://postgres.ref:pw@aws-1-eu-west-1.pooler.supabase.com:5432/postgres"

describe("migrationTarget", () => {
  it("uses DATABASE_MIGRATION_URL when it is a session connection", () => {
    expect(migrationTarget({ DATABASE_URL: TX, DATABASE_MIGRATION_URL: SESSION })).toEqual({
      url: SESSION,
      variable: "DATABASE_MIGRATION_URL",
      pooler: "session",
    })
  })

  it("falls back to a DATABASE_URL that is not a transaction pooler", () => {
    expect(migrationTarget({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/shop" }).variable).toBe("DATABASE_URL")
  })

  it("refuses a transaction-pooler DATABASE_URL without DATABASE_MIGRATION_URL", () => {
    expect(errorOf(() => migrationTarget({ DATABASE_URL: TX })).message).toMatch(
      /^DATABASE_MIGRATION_URL: is not set and DATABASE_URL is a transaction pooler \(port 6543\)/
    )
  })

  it("refuses a DATABASE_MIGRATION_URL that is itself a transaction pooler", () => {
    expect(errorOf(() => migrationTarget({ DATABASE_MIGRATION_URL: TX })).message).toMatch(
      /^DATABASE_MIGRATION_URL: points at a transaction pooler/
    )
  })

  it("refuses when there is nothing to migrate", () => {
    expect(errorOf(() => migrationTarget({})).variable).toBe("DATABASE_MIGRATION_URL")
  })
})
