/**
 * Whether an error means the database connection was lost or could not be made, rather than that the request
 * was wrong: Supabase's pooler restarting or failing over cuts the queries in flight ("Connection terminated
 * unexpectedly") and refuses new connections for a moment. Medusa answers those with a 500; the shop answers
 * 503 with Retry-After, so a storefront or Railway's proxy knows to try again, and the answer names no SQL.
 * PostgreSQL rolls back a transaction cut before its commit, so trying again is safe but for a commit whose
 * answer was lost, which no server can tell apart.
 *
 * - SQLSTATE class 08 (connection exception) and 57P01–57P03 (the server shutting down or not yet accepting);
 * - the socket errors of a pooler that is gone (ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE);
 * - node-postgres' and knex's messages for a connection that ended or could not be had in time (MikroORM puts
 *   them after the SQL, so the message is searched, not matched from its start).
 */
const CONNECTION_CODES = /^(08\w{3}|57P0[123]|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE)$/
const CONNECTION_MESSAGES =
  /Connection terminated unexpectedly|Connection ended unexpectedly|server closed the connection unexpectedly|timeout exceeded when trying to connect|Timeout acquiring a connection|connect ECONNREFUSED|read ECONNRESET/

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== "object") return false
  const { code, message } = error as { code?: unknown; message?: unknown }
  if (typeof code === "string" && CONNECTION_CODES.test(code)) return true
  return typeof message === "string" && CONNECTION_MESSAGES.test(message)
}

/** Seconds a caller is asked to wait before trying again: a pooler restart takes about one. */
export const DATABASE_RETRY_AFTER_SECONDS = 1

export const DATABASE_UNAVAILABLE_BODY = {
  type: "database_unavailable",
  message: "The database connection was interrupted; try again in a moment",
}
