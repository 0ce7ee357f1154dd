import { configFromEnvironment } from "../../config/medusa"
import { knexPostgresClient, leaveSearchPathToTheRole, type KnexPgClientPrototype } from "../knex-search-path"

const PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n"
const setsSearchPath = () => knexPostgresClient().setSchemaSearchPath.toString().includes("search_path")

describe("search_path through a transaction pooler", () => {
  it("keeps knex's SET search_path for a direct connection", () => {
    jest.spyOn(console, "log").mockImplementation(() => undefined)
    configFromEnvironment({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/shop" })
    expect(setsSearchPath()).toBe(true)
  })

  it("leaves search_path to the role when DATABASE_URL is a transaction pooler", () => {
    jest.spyOn(console, "log").mockImplementation(() => undefined)
    configFromEnvironment({
      DATABASE_URL: "postgresql://postgres.ref:pw@aws-1-eu-west-1.pooler.supabase.com:6543/postgres",
      DATABASE_CA_CERT: PEM,
    })
    expect(setsSearchPath()).toBe(false)
  })

  it("patches nothing and logs one line when knex's client has no setSchemaSearchPath that sets search_path", () => {
    const lines: string[] = []
    const changed = { setSchemaSearchPath: async () => "something else" } as KnexPgClientPrototype
    expect(leaveSearchPathToTheRole({ find: () => changed, log: (line) => lines.push(line) })).toBe(false)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^\[internals\] knex's setSchemaSearchPath has changed: .*found a setSchemaSearchPath that does not set search_path\. Falling back/
    )
    const missing = leaveSearchPathToTheRole({
      find: () => {
        throw new Error("Cannot find module 'knex/lib/dialects/postgres'")
      },
      log: (line) => lines.push(line),
    })
    expect(missing).toBe(false)
    expect(lines[1]).toContain(
      "found no knex PostgreSQL client along Medusa's path (Cannot find module 'knex/lib/dialects/postgres')"
    )
  })
})
