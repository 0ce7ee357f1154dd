import { databaseMessage, messageWithoutNotes } from "../database-message"

const withFields = (message: string, fields: Record<string, unknown> = {}) => Object.assign(new Error(message), fields)

describe("databaseMessage", () => {
  it("keeps PostgreSQL's message and drops knex's SQL with its parameters", () => {
    const error = withFields(
      `select "c0".* from "customer" as "c0" where "c0"."email" = 'karen@example.dk' - column c0.foo does not exist`,
      { code: "42703" }
    )
    expect(databaseMessage(error)).toBe("column c0.foo does not exist")
  })

  it("drops the detail and hint lines MikroORM appends, which can hold the request's data", () => {
    const error = withFields(
      `insert into "customer" ("email") values ('karen@example.dk') - duplicate key value violates unique constraint "c_email"\n - detail: Key (email)=(karen@example.dk) already exists.\n - hint: none`,
      { code: "23505", detail: "Key (email)=(karen@example.dk) already exists.", hint: "none" }
    )
    expect(messageWithoutNotes(error)).not.toMatch(/detail|hint/)
    expect(databaseMessage(error)).toBe('duplicate key value violates unique constraint "c_email"')
  })

  it("cuts a value holding ' - ' short rather than show any SQL", () => {
    const error = withFields(
      `select "o0".* from "order" as "o0" where "o0"."created_at" > 'a - b' - invalid input syntax for type timestamp with time zone: "a - b"`,
      { code: "22007" }
    )
    expect(databaseMessage(error)).toBe('b"')
  })

  it("withholds a message that holds a statement but no ' - '", () => {
    expect(databaseMessage(withFields(`select * from "secret_table" where x = 'y'`))).toBe(
      "(message withheld: it holds SQL)"
    )
  })

  it("returns other messages whole, ' - ' and all", () => {
    expect(databaseMessage(new TypeError("Cannot read properties of undefined (reading 'kind')"))).toBe(
      "Cannot read properties of undefined (reading 'kind')"
    )
    expect(databaseMessage(new Error("Payment failed - card declined"))).toBe("Payment failed - card declined")
  })
})
