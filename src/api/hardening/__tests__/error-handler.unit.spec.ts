import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { clientAwareErrorHandler } from "../error-handler"

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

describe("clientAwareErrorHandler", () => {
  it("answers a query the pooler cut off with 503, Retry-After and no SQL, and logs one warning", () => {
    const warnings: string[] = []
    const req = {
      method: "GET",
      path: "/store/carts/cart_1",
      scope: { resolve: () => ({ warn: (line: string) => warnings.push(line) }) },
    } as unknown as MedusaRequest
    const { res, sent } = fakeResponse()
    const next = jest.fn()
    const error = new Error(`select "c0"."id" from "cart" as "c0" - Connection terminated unexpectedly`)

    clientAwareErrorHandler(error, req, res, next)

    expect(sent).toEqual({
      status: 503,
      headers: { "retry-after": "1" },
      body: {
        type: "database_unavailable",
        message: "The database connection was interrupted; try again in a moment",
      },
    })
    expect(warnings).toEqual(["database unavailable during GET /store/carts/cart_1: answered 503 with Retry-After"])
    expect(next).not.toHaveBeenCalled()
  })
})
