import {
  errorHandler,
  getHttpResponseFromError,
  type MedusaErrorHandlerFunction,
  type MedusaRequest,
} from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { asClientError, withSqlState } from "./client-errors"
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_BODY, isDatabaseUnavailable } from "./database-unavailable"
import { serverFaultLine } from "./server-fault"

const medusaErrorHandler = errorHandler()

/** Medusa's body for an error it cannot name: what every fault that is not a MedusaError gets. */
const UNKNOWN_ERROR_BODY = { code: "unknown_error", type: "unknown_error", message: "An unknown error occurred." }

type Logger = { warn: (line: string) => void; error: (line: string) => void }

function loggerOf(req: MedusaRequest): Logger {
  try {
    return req.scope?.resolve?.(ContainerRegistrationKeys.LOGGER) ?? console
  } catch {
    return console
  }
}

/** Medusa's status and body for the error; a 500 with the generic body if even that fails. */
function medusaAnswer(error: unknown): { statusCode: number; body: Record<string, unknown> } {
  try {
    return getHttpResponseFromError(error)
  } catch {
    return { statusCode: 500, body: UNKNOWN_ERROR_BODY }
  }
}

/**
 * The shop's error handler, in front of Medusa's:
 *
 * - a lost database connection is answered 503 with Retry-After (./database-unavailable.ts) and logged as one
 *   warning without the query: the pooler restarting is expected and the caller should try again;
 * - an error the request provably caused becomes its 4xx (./client-errors.ts) and goes to Medusa's handler, which
 *   answers it and logs its message at info level, as it does every 4xx; an undefined column that Medusa's
 *   repositories already made a 400 is judged again by the same rule (withSqlState);
 * - anything else answered 5xx is a server fault: one error-level line without SQL (./server-fault.ts) and
 *   Medusa's body for it. Medusa's handler is not called for these, because it logs the whole error, and knex
 *   puts the query with the request's data in the message; answering here also keeps it to one line per fault.
 *   A database_error's message is the database's, so its body gets the generic message.
 */
export const clientAwareErrorHandler: MedusaErrorHandlerFunction = (error, req, res, next) => {
  if (isDatabaseUnavailable(error)) {
    loggerOf(req).warn(`database unavailable during ${req.method} ${req.path}: answered 503 with Retry-After`)
    res.setHeader("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS))
    res.status(503).json(DATABASE_UNAVAILABLE_BODY)
    return
  }
  const fault = withSqlState(error)
  const answered = asClientError(fault, req) ?? fault
  const { statusCode, body } = medusaAnswer(answered)
  if (statusCode < 500) return medusaErrorHandler(answered, req, res, next)
  loggerOf(req).error(serverFaultLine(fault, req, statusCode))
  const databaseError = body.type === MedusaError.Types.DB_ERROR
  res.status(statusCode).json(databaseError ? { ...body, message: UNKNOWN_ERROR_BODY.message } : body)
}
