import { MedusaError } from "@medusajs/framework/utils"
import { asClientError, type RequestInput, withSqlState } from "../client-errors"

/** A database error as MikroORM hands it on: knex's SQL, with the parameters written in, before PostgreSQL's message. */
function databaseError(name: string, code: string, message: string, notes: { hint?: string } = {}) {
  const error = Object.assign(new Error(message + (notes.hint ? `\n - hint: ${notes.hint}` : "")), { code, ...notes })
  error.name = name
  return error
}

const badDate = (value: string) =>
  databaseError(
    "DriverException",
    "22007",
    `select "o0".* from "order" as "o0" where "o0"."created_at" > '${value}' - invalid input syntax for type timestamp with time zone: "${value}"`
  )

const missingColumn = (column: string) =>
  databaseError(
    "InvalidFieldNameException",
    "42703",
    `select "p0"."id", "p0"."${column}" from "product" as "p0" where "p0"."email" = 'karen@example.dk' - column p0.${column} does not exist`,
    { hint: 'Perhaps you meant to reference the column "p0.title".' }
  )

const request = (path: string, query: Record<string, unknown> = {}, body?: unknown): RequestInput => ({
  path,
  query,
  body,
})

describe("asClientError", () => {
  describe("a data exception (SQLSTATE class 22)", () => {
    it("is the request's when the database quotes a value from the query, at any depth", () => {
      const error = asClientError(
        badDate("yesterday-ish"),
        request("/admin/orders", { created_at: { $gt: "yesterday-ish" } })
      )
      expect(error).toBeInstanceOf(MedusaError)
      expect(error?.type).toBe(MedusaError.Types.INVALID_DATA)
      expect(error?.message).toBe('"yesterday-ish" is not a valid value for its field')
    })

    it("is the request's when the value came in the body or the path, even with ' - ' in it", () => {
      expect(asClientError(badDate("a - b"), request("/admin/price-lists", {}, { starts_at: "a - b" }))?.type).toBe(
        MedusaError.Types.INVALID_DATA
      )
      expect(asClientError(badDate("2024-13-45"), request("/admin/things/2024-13-45"))?.type).toBe(
        MedusaError.Types.INVALID_DATA
      )
    })

    it("is the request's when the database names a number the body sent as out of range", () => {
      const error = databaseError(
        "DriverException",
        "22003",
        `update "x" set "rank" = 99999999999 - value "99999999999" is out of range for type integer`
      )
      expect(asClientError(error, request("/admin/products", {}, { rank: 99999999999 }))?.type).toBe(
        MedusaError.Types.INVALID_DATA
      )
    })

    it("is a server fault when the value it names is not one the request sent", () => {
      expect(asClientError(badDate("notadate"), request("/admin/orders", { created_at: { $gt: "2024-01-01" } }))).toBe(
        undefined
      )
    })

    it("is a server fault when the database names no value (a number overflowing in the server's arithmetic)", () => {
      const error = databaseError("DriverException", "22003", `select … - numeric field overflow`)
      expect(asClientError(error, request("/store/carts/cart_1", { fields: "total" }, { quantity: 2 }))).toBe(undefined)
    })

    it("is the request's for a negative LIMIT only when the request's own limit is negative", () => {
      const error = databaseError(
        "DriverException",
        "2201W",
        `select "p0".* from "product" as "p0" limit -1 - LIMIT must not be negative`
      )
      expect(asClientError(error, request("/admin/products", { limit: "-1" }))?.message).toBe(
        "limit and offset must be whole numbers from 0"
      )
      expect(asClientError(error, request("/admin/products", { limit: "20" }))).toBeUndefined()
    })
  })

  describe("an undefined column (42703)", () => {
    it("is a server fault when the column is one the request never mentions: a dropped column", () => {
      expect(asClientError(missingColumn("subtitle"), request("/admin/products", { limit: "20" }))).toBeUndefined()
      expect(asClientError(missingColumn("subtitle"), request("/admin/products", { fields: "id,title" }))).toBe(
        undefined
      )
    })

    it("is the request's when raw SQL's column is one the request put in fields, order or a filter key", () => {
      const cases = [
        { fields: "id,+subtitle" },
        { fields: "*variants.subtitle" },
        { order: "-subtitle" },
        { subtitle: "x" },
      ]
      for (const query of cases) {
        const error = asClientError(missingColumn("subtitle"), request("/admin/products", query))
        expect(error?.type).toBe(MedusaError.Types.INVALID_DATA)
        expect(error?.message).toBe('"subtitle" is not a field here')
      }
    })

    it("is the request's for the quoted forms PostgreSQL uses for inserts and unqualified names", () => {
      const insert = databaseError(
        "InvalidFieldNameException",
        "42703",
        `insert into "product" ("id", "foo") values ('p2', 's') - column "foo" of relation "product" does not exist`
      )
      expect(asClientError(insert, request("/admin/products", { fields: "foo" }))?.type).toBe(
        MedusaError.Types.INVALID_DATA
      )
      const bare = databaseError(
        "InvalidFieldNameException",
        "42703",
        `select "foo" from "x" - column "foo" does not exist`
      )
      expect(asClientError(bare, request("/admin/products", { foo: "1" }))?.type).toBe(MedusaError.Types.INVALID_DATA)
    })

    it("is a server fault when it came from Medusa's repository, even when the request named the column", () => {
      const mapped = new MedusaError(MedusaError.Types.INVALID_DATA, "column p0.subtitle does not exist")
      expect(asClientError(withSqlState(mapped), request("/admin/products", { fields: "+subtitle" }))).toBe(undefined)
    })
  })

  describe("withSqlState", () => {
    it("gives the undefined column Medusa's repositories made invalid data back its SQLSTATE", () => {
      const mapped = new MedusaError(MedusaError.Types.INVALID_DATA, "column p0.subtitle does not exist")
      const error = withSqlState(mapped)
      expect(error).not.toBeInstanceOf(MedusaError)
      expect(error).toMatchObject({
        name: "MedusaError",
        code: "42703",
        message: "column p0.subtitle does not exist",
        fromMedusaRepository: true,
      })
      expect((error as Error).stack).toBe(mapped.stack)
    })

    it("recognises the form that still holds SQL, from a column whose name starts with column", () => {
      const mapped = new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `column_a" from "product" as "p0" where "p0"."handle" = 'x' - column p0.subtitle does not exist`
      )
      expect(withSqlState(mapped)).toMatchObject({ code: "42703", fromMedusaRepository: true })
    })

    it("leaves Medusa's other invalid data and other errors as they are", () => {
      const other = new MedusaError(MedusaError.Types.INVALID_DATA, "Order field password_hash is not valid")
      expect(withSqlState(other)).toBe(other)
      const notFound = new MedusaError(MedusaError.Types.NOT_FOUND, "column p0.x does not exist")
      expect(withSqlState(notFound)).toBe(notFound)
      expect(withSqlState(undefined)).toBeUndefined()
    })
  })

  it("turns knex's offset complaint into invalid data only when the request's offset is negative", () => {
    const knex = new Error("A non-negative integer must be provided to offset.")
    expect(asClientError(knex, request("/admin/products", { offset: "-5" }))?.type).toBe(MedusaError.Types.INVALID_DATA)
    expect(asClientError(knex, request("/admin/products"))).toBeUndefined()
  })

  it("turns MikroORM's unknown order or filter property into invalid data only when the request named it", () => {
    const order = new Error("Trying to order by not existing property Product.password_hash")
    expect(asClientError(order, request("/admin/products", { order: "-password_hash" }))?.message).toBe(
      'order names "password_hash", which is not a field'
    )
    expect(asClientError(order, request("/admin/products", { order: "title" }))).toBeUndefined()
    const filter = new Error("Trying to query by not existing property Product.drop_table")
    expect(asClientError(filter, request("/admin/products", { drop_table: "1" }))?.type).toBe(
      MedusaError.Types.INVALID_DATA
    )
    expect(asClientError(filter, request("/admin/products"))).toBeUndefined()
  })

  it("leaves an Awilix resolution error to be a server fault", () => {
    const error = Object.assign(new Error("Could not resolve 'au_nope'."), { name: "AwilixResolutionError" })
    expect(asClientError(error, request("/auth/customer/nope"))).toBeUndefined()
  })

  it("leaves other errors, and Medusa's own, to Medusa's handler", () => {
    const withCode = (code: string) => Object.assign(new Error("select … - boom"), { code })
    expect(asClientError(withCode("23505"), request("/store/carts"))).toBeUndefined()
    expect(asClientError(withCode("08006"), request("/store/carts"))).toBeUndefined()
    expect(asClientError(new TypeError("Cannot read properties of undefined"), request("/store/carts"))).toBe(undefined)
    expect(asClientError(new MedusaError(MedusaError.Types.NOT_ALLOWED, "no"), request("/store/carts"))).toBe(undefined)
    expect(asClientError(undefined, request("/store/carts"))).toBeUndefined()
  })
})
