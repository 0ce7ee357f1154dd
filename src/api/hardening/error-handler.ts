import { errorHandler, type MedusaErrorHandlerFunction } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { asClientError } from "./client-errors"
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_BODY, isDatabaseUnavailable } from "./database-unavailable"

const medusaErrorHandler = errorHandler()

/**
 * Medusa's own error handler, after turning errors the request caused into 4xx (./client-errors.ts); a lost
 * database connection is answered 503 with Retry-After (./database-unavailable.ts) and logged as one warning
 * without the query.
 */
export const clientAwareErrorHandler: MedusaErrorHandlerFunction = (error, req, res, next) => {
  if (isDatabaseUnavailable(error)) {
    const logger = req.scope?.resolve?.(ContainerRegistrationKeys.LOGGER)
    logger?.warn(`database unavailable during ${req.method} ${req.path}: answered 503 with Retry-After`)
    res.setHeader("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS))
    res.status(503).json(DATABASE_UNAVAILABLE_BODY)
    return
  }
  return medusaErrorHandler(asClientError(error) ?? error, req, res, next)
}
