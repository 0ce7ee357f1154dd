import { isDatabaseUnavailable } from "../database-unavailable"

const withCode = (code: string, message = "boom") => Object.assign(new Error(message), { code })

describe("isDatabaseUnavailable", () => {
  it.each([
    [
      "a query cut off by the pooler",
      new Error('select "a0"."id" from "api_key" - Connection terminated unexpectedly'),
    ],
    ["node-postgres' connection error", new Error("Connection ended unexpectedly")],
    ["a pooler that is gone", new Error("connect ECONNREFUSED 127.0.0.3:6543")],
    ["a full pool", new Error("Knex: Timeout acquiring a connection. The pool is probably full.")],
    ["pg's connect timeout", new Error("timeout exceeded when trying to connect")],
    ["SQLSTATE 08006", withCode("08006")],
    ["SQLSTATE 57P01 (admin shutdown)", withCode("57P01")],
    ["SQLSTATE 57P03 (cannot connect now)", withCode("57P03")],
    ["a reset socket", withCode("ECONNRESET")],
  ])("recognises %s", (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true)
  })

  it.each([
    ["a bad value", withCode("22P02", "invalid input syntax for type integer")],
    ["a unique violation", withCode("23505", "duplicate key value violates unique constraint")],
    ["a missing column", withCode("42703")],
    ["any other error", new Error("Cart is already completed")],
    ["no error at all", undefined],
    ["a string", "Connection terminated unexpectedly"],
  ])("leaves %s to Medusa", (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false)
  })
})
