/**
 * INTERNAL: what Medusa's repositories make of a database error (tests only).
 *
 * Relies on: `@medusajs/utils@2.21.2` dist/dal/mikro-orm/db-error-mapper.js exports `dbErrorMapper(error)`, which
 * every MikroORM repository of Medusa calls on a failed query; it always throws, a MedusaError for the errors it
 * knows and the original error otherwise. It is not exported from the package's index.
 *
 * Why: src/api/middlewares/hardening/error-handler.ts must recognise database errors as a route sees them, after this
 * mapping; its unit tests pass real PostgreSQL errors through the real mapper instead of guessing its output.
 *
 * When it changes: loading throws with one line naming the file, and the error handler's tests fail; nothing
 * in production loads this file. Canary: medusaDbErrorMapper.
 *
 * Remove when: Medusa exports the mapper, or documents the errors its repositories throw.
 */
import { dirname, join } from "node:path"

export const DB_ERROR_MAPPER_FILE = join(
  dirname(require.resolve("@medusajs/utils")),
  "dal",
  "mikro-orm",
  "db-error-mapper.js"
)

export type DbErrorMapper = (error: unknown) => never

/** Medusa's dbErrorMapper; throws one line when it is not where Medusa 2.21 keeps it. */
export function loadDbErrorMapper(): DbErrorMapper {
  let mapper: unknown
  try {
    mapper = (require(DB_ERROR_MAPPER_FILE) as { dbErrorMapper?: unknown }).dbErrorMapper
  } catch (error) {
    throw new Error(
      `Medusa's dbErrorMapper is gone from ${DB_ERROR_MAPPER_FILE}: ${(error as Error).message.split("\n")[0]}`
    )
  }
  if (typeof mapper !== "function") throw new Error(`${DB_ERROR_MAPPER_FILE} exports no dbErrorMapper function`)
  return mapper as DbErrorMapper
}
