import { MedusaError } from "@medusajs/framework/utils"
import { asClientError } from "../client-errors"

const withCode = (code: string, message = "select … - invalid input") => Object.assign(new Error(message), { code })

describe("asClientError", () => {
  it.each([
    ["22007", "a date that is not one"],
    ["22P02", "text where a number belongs"],
    ["2201W", "a negative LIMIT"],
    ["22003", "a number out of range"],
    ["42703", "a field naming no column"],
  ])("turns the database's %s (%s) into invalid data without SQL in the message", (code) => {
    const error = asClientError(withCode(code, 'select "p0"."id" from "product" - boom'))
    expect(error).toBeInstanceOf(MedusaError)
    expect(error?.type).toBe(MedusaError.Types.INVALID_DATA)
    expect(error?.message).not.toMatch(/select|product/)
  })

  it("turns knex's offset complaint and MikroORM's unknown order into invalid data", () => {
    expect(asClientError(new Error("A non-negative integer must be provided to offset."))?.type).toBe(
      MedusaError.Types.INVALID_DATA
    )
    expect(asClientError(new Error("Trying to order by not existing property Product.;DROP TABLE"))?.message).toBe(
      "order names a field that does not exist"
    )
  })

  it("turns a provider the path names but nobody registered into not found", () => {
    const error = Object.assign(new Error("Could not resolve 'au_nope'."), { name: "AwilixResolutionError" })
    expect(asClientError(error)?.type).toBe(MedusaError.Types.NOT_FOUND)
  })

  it("leaves other errors, and Medusa's own, to Medusa's handler", () => {
    expect(asClientError(withCode("23505"))).toBeUndefined()
    expect(asClientError(withCode("08006"))).toBeUndefined()
    expect(asClientError(new TypeError("Cannot read properties of undefined"))).toBeUndefined()
    expect(asClientError(new MedusaError(MedusaError.Types.NOT_ALLOWED, "no"))).toBeUndefined()
    expect(asClientError(undefined)).toBeUndefined()
  })
})
