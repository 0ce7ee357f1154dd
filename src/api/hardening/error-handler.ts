import { errorHandler, type MedusaErrorHandlerFunction } from "@medusajs/framework/http"
import { asClientError } from "./client-errors"

const medusaErrorHandler = errorHandler()

/** Medusa's own error handler, after turning errors the request caused into 4xx (./client-errors.ts). */
export const clientAwareErrorHandler: MedusaErrorHandlerFunction = (error, req, res, next) =>
  medusaErrorHandler(asClientError(error) ?? error, req, res, next)
