import { MedusaError } from "@medusajs/framework/utils"

/**
 * Errors that Medusa 2.21 lets through as a 500 although the request caused
 * them: the database refusing a value the route did not validate, or the
 * ORM refusing a field or an order the caller named. Each becomes the 4xx
 * it is, with a message that names no table or SQL.
 *
 * - SQLSTATE class 22, "data exception": a value of the wrong type or range
 *   (a date that is not one, LIMIT/OFFSET below zero, a number too large);
 * - 42703, "undefined column": a field or filter naming no column;
 * - knex's "A non-negative integer must be provided to offset/limit";
 * - MikroORM's "Trying to order by not existing property";
 * - an Awilix resolution error: a provider named in the path that is not
 *   registered (POST /auth/customer/no-such-provider).
 */
export function asClientError(error: unknown): MedusaError | undefined {
  if (!error || typeof error !== "object" || error instanceof MedusaError) return undefined
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown }
  const text = typeof message === "string" ? message : ""
  if (typeof code === "string" && (code.startsWith("22") || code === "42703")) {
    return new MedusaError(MedusaError.Types.INVALID_DATA, "A value in the request is not valid for its field")
  }
  if (/must be provided to (offset|limit)/.test(text)) {
    return new MedusaError(MedusaError.Types.INVALID_DATA, "limit and offset must be whole numbers from 0")
  }
  if (text.startsWith("Trying to order by not existing property")) {
    return new MedusaError(MedusaError.Types.INVALID_DATA, "order names a field that does not exist")
  }
  if (name === "AwilixResolutionError") {
    return new MedusaError(MedusaError.Types.NOT_FOUND, "Nothing by that name is configured here")
  }
  return undefined
}
