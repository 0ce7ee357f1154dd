import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { loadDbErrorMapper } from "../../../../internals/medusa-db-error-mapper"
import { clientAwareErrorHandler } from "../error-handler"

/** Medusa's repositories pass every database error through this. */
const dbErrorMapper = loadDbErrorMapper()

/** The error as a route sees it: what Medusa's repositories make of the database's. */
function throughMedusaRepository(error: Error): unknown {
  try {
    dbErrorMapper(error)
  } catch (mapped) {
    return mapped
  }
  throw new Error("dbErrorMapper always throws")
}

function fakeResponse() {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} }
  const res = {
    setHeader: (name: string, value: string) => (sent.headers[name.toLowerCase()] = value),
    status(code: number) {
      sent.status = code
      return this
    },
    json(body: unknown) {
      sent.body = body
      return this
    },
  }
  return { res: res as unknown as MedusaResponse, sent }
}

function fakeRequest(method: string, path: string, query: Record<string, unknown> = {}, body?: unknown) {
  const logged: { level: string; line: unknown }[] = []
  const logger = Object.fromEntries(
    ["error", "warn", "info", "debug"].map((level) => [level, (line: unknown) => logged.push({ level, line })])
  )
  const req = { method, path, query, body, scope: { resolve: () => logger } } as unknown as MedusaRequest
  return { req, logged }
}

function answer(error: unknown, req: MedusaRequest) {
  const { res, sent } = fakeResponse()
  const next = jest.fn()
  clientAwareErrorHandler(error, req, res, next)
  expect(next).not.toHaveBeenCalled()
  return sent
}

/** A column dropped by a bad deploy, as MikroORM reports it: knex's SQL, parameters written in, then PostgreSQL. */
function droppedColumn() {
  const error = Object.assign(
    new Error(
      `select "p0"."id", "p0"."subtitle" from "product" as "p0" where "p0"."handle" = 'secret-handle' - column p0.subtitle does not exist\n - hint: Perhaps you meant to reference the column "p0.title".`
    ),
    { code: "42703", hint: 'Perhaps you meant to reference the column "p0.title".' }
  )
  error.name = "InvalidFieldNameException"
  error.stack = `InvalidFieldNameException: ${error.message}\n    at PostgreSqlExceptionConverter.convertException (/app/node_modules/@mikro-orm/postgresql/PostgreSqlExceptionConverter.js:42:24)\n    at PostgreSqlDriver.convertException (/app/node_modules/@mikro-orm/core/drivers/DatabaseDriver.js:360:54)\n    at /app/node_modules/@mikro-orm/core/drivers/DatabaseDriver.js:364:24\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`
  return error
}

const GENERIC_500 = { code: "unknown_error", type: "unknown_error", message: "An unknown error occurred." }

describe("clientAwareErrorHandler", () => {
  it("answers a query the pooler cut off with 503, Retry-After and no SQL, and logs one warning", () => {
    const { req, logged } = fakeRequest("GET", "/store/carts/cart_1")
    const error = new Error(`select "c0"."id" from "cart" as "c0" - Connection terminated unexpectedly`)

    expect(answer(error, req)).toEqual({
      status: 503,
      headers: { "retry-after": "1" },
      body: {
        type: "database_unavailable",
        message: "The database connection was interrupted; try again in a moment",
      },
    })
    expect(logged).toEqual([
      { level: "warn", line: "database unavailable during GET /store/carts/cart_1: answered 503 with Retry-After" },
    ])
  })

  it("answers a dropped column with 500 and Medusa's generic body, and logs one error line naming it without SQL", () => {
    const { req, logged } = fakeRequest("GET", "/admin/products", { handle: "secret-handle", fields: "id" })

    const sent = answer(droppedColumn(), req)

    expect(sent.status).toBe(500)
    expect(sent.body).toEqual(GENERIC_500)
    expect(logged).toHaveLength(1)
    expect(logged[0].level).toBe("error")
    expect(logged[0].line).toBe(
      "server error: GET /admin/products answered 500: InvalidFieldNameException 42703: column p0.subtitle does not exist " +
        "(at PostgreSqlExceptionConverter.convertException (/app/node_modules/@mikro-orm/postgresql/PostgreSqlExceptionConverter.js:42:24); " +
        "at PostgreSqlDriver.convertException (/app/node_modules/@mikro-orm/core/drivers/DatabaseDriver.js:360:54); " +
        "at /app/node_modules/@mikro-orm/core/drivers/DatabaseDriver.js:364:24)"
    )
    expect(String(logged[0].line)).not.toMatch(/select|secret-handle|hint/)
  })

  it("answers a dropped column 500 after Medusa's repository made it a 400, with one error line naming it", () => {
    const { req, logged } = fakeRequest("GET", "/store/products", { handle: "secret-handle" })
    const error = throughMedusaRepository(droppedColumn())
    expect(error).toMatchObject({ type: "invalid_data", message: "column p0.subtitle does not exist" })

    const sent = answer(error, req)

    expect(sent.status).toBe(500)
    expect(sent.body).toEqual(GENERIC_500)
    expect(logged).toHaveLength(1)
    expect(logged[0].level).toBe("error")
    expect(logged[0].line).toMatch(
      /^server error: GET \/store\/products answered 500: MedusaError 42703: column p0\.subtitle does not exist \(at dbErrorMapper \(/
    )
    expect(String(logged[0].line)).not.toMatch(/select|secret-handle/)
  })

  it("answers a dropped column from Medusa's repository 500 even when the request put it in fields", () => {
    const { req, logged } = fakeRequest("GET", "/admin/products", { fields: "id,+subtitle" })
    expect(answer(throughMedusaRepository(droppedColumn()), req).status).toBe(500)
    expect(logged.map((l) => l.level)).toEqual(["error"])
  })

  it("answers a raw-SQL undefined column 400 when the request named it in fields, logged as info", () => {
    const { req, logged } = fakeRequest("GET", "/admin/products", { fields: "id,subtitle" })

    const sent = answer(droppedColumn(), req)

    expect(sent.status).toBe(400)
    expect(sent.body).toEqual({ type: "invalid_data", message: '"subtitle" is not a field here' })
    expect(logged).toEqual([{ level: "info", line: '"subtitle" is not a field here' }])
  })

  it("logs no SQL for Medusa's undefined column that kept a piece of the query", () => {
    const { req, logged } = fakeRequest("GET", "/store/products")
    const error = throughMedusaRepository(
      Object.assign(
        new Error(
          `select "p0"."column_a", "p0"."subtitle" from "product" as "p0" where "p0"."handle" = 'secret-handle' - column p0.subtitle does not exist`
        ),
        { code: "42703" }
      )
    )
    expect(String((error as Error).message)).toContain("secret-handle")

    expect(answer(error, req).status).toBe(500)
    expect(logged[0].line).toMatch(/answered 500: MedusaError 42703: column p0\.subtitle does not exist \(at /)
    expect(String(logged[0].line)).not.toMatch(/secret-handle|column_a/)
  })

  it("answers a date that is not one 400 when the query sent it, and 500 with an error line when it did not", () => {
    const error = Object.assign(
      new Error(
        `select "o0".* from "order" as "o0" where "o0"."created_at" > 'notadate' - invalid input syntax for type timestamp with time zone: "notadate"`
      ),
      { code: "22007" }
    )
    const fromQuery = fakeRequest("GET", "/admin/orders", { created_at: { $gt: "notadate" } })
    expect(answer(error, fromQuery.req).status).toBe(400)
    expect(fromQuery.logged.map((l) => l.level)).toEqual(["info"])

    const fromServer = fakeRequest("GET", "/admin/orders", { created_at: { $gt: "2024-01-01" } })
    const sent = answer(error, fromServer.req)
    expect(sent).toEqual({ status: 500, headers: {}, body: GENERIC_500 })
    expect(fromServer.logged).toHaveLength(1)
    expect(fromServer.logged[0].level).toBe("error")
    expect(fromServer.logged[0].line).toMatch(
      /^server error: GET \/admin\/orders answered 500: Error 22007: invalid input syntax for type timestamp with time zone: "notadate"/
    )
    expect(String(fromServer.logged[0].line)).not.toMatch(/select|"o0"/)
  })

  it("answers an unregistered service (Awilix) 500 and logs it as an error", () => {
    const { req, logged } = fakeRequest("POST", "/store/carts")
    const error = Object.assign(new Error("Could not resolve 'pp_gone'.\n\nResolution path: pp_gone"), {
      name: "AwilixResolutionError",
    })

    expect(answer(error, req)).toEqual({ status: 500, headers: {}, body: GENERIC_500 })
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatchObject({ level: "error" })
    expect(logged[0].line).toMatch(
      /^server error: POST \/store\/carts answered 500: AwilixResolutionError: Could not resolve 'pp_gone'\. Resolution path: pp_gone \(at /
    )
  })

  it("masks a connection URL's password in the error line", () => {
    const { req, logged } = fakeRequest("GET", "/admin/stores")
    answer(new Error("could not reach postgres://shop:hunter2@db.example:5432/shop"), req)
    expect(logged[0].line).toContain("postgres://shop:***@db.example:5432/shop")
    expect(logged[0].line).not.toContain("hunter2")
  })

  it("keeps Medusa's body for its own 5xx errors but not a database error's message", () => {
    const unexpected = fakeRequest("GET", "/admin/orders")
    const sent = answer(
      new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Order is in an unexpected state"),
      unexpected.req
    )
    expect(sent.status).toBe(500)
    expect(sent.body).toEqual({ type: "unexpected_state", message: "Order is in an unexpected state" })
    expect(unexpected.logged.map((l) => l.level)).toEqual(["error"])

    const database = fakeRequest("GET", "/admin/orders")
    const dbError = new MedusaError(
      MedusaError.Types.DB_ERROR,
      `select * from "order" - relation "order" does not exist`
    )
    expect(answer(dbError, database.req).body).toEqual({
      code: "api_error",
      type: "database_error",
      message: "An unknown error occurred.",
    })
    expect(database.logged[0].line).toMatch(/: relation "order" does not exist/)
    expect(database.logged[0].line).not.toMatch(/select/)
  })
})
