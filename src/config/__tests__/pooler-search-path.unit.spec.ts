import { configFromEnvironment } from "../medusa"
import { knexPostgresClient } from "../pooler-search-path"

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
})
