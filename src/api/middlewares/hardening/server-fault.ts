import { maskSecretsInText } from "../../../config/mask"
import { databaseMessage } from "./database-message"

/**
 * The one error-level line logged for a request answered 5xx, in place of Medusa's, which logs the whole error
 * and so knex's SQL with the request's data in it. It tells an operator where (method and path, no query
 * string, which can carry tokens and emails), what (the error's name, its SQLSTATE, the database's own message
 * without SQL, detail or hint) and from where (the first stack frames), on one line, so that a log search for
 * "server error" finds every fault and each fault once. Connection URLs in it have their passwords masked.
 *
 *   server error: GET /store/products answered 500: MedusaError 42703: column p0.subtitle does not exist
 *   (at dbErrorMapper (…/@medusajs/utils/dist/dal/mikro-orm/db-error-mapper.js:37:15); at …; at …)
 */
const FRAMES = 3
const MAX_PATH = 200
const MAX_MESSAGE = 500
const MAX_FRAME = 200

interface FaultRequest {
  method: string
  path: string
}

function clipped(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim()

/** The first few "at …" lines of the stack: never its first line, which repeats the message and so the SQL. */
function firstFrames(error: unknown): string[] {
  const stack = error && typeof error === "object" ? (error as { stack?: unknown }).stack : undefined
  if (typeof stack !== "string") return []
  return stack
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("at "))
    .slice(0, FRAMES)
    .map((line) => clipped(line, MAX_FRAME))
}

export function serverFaultLine(error: unknown, req: FaultRequest, status: number): string {
  const fields = error && typeof error === "object" ? (error as { name?: unknown; code?: unknown }) : {}
  const name = typeof fields.name === "string" && fields.name ? fields.name : typeof error
  const code = typeof fields.code === "string" || typeof fields.code === "number" ? ` ${fields.code}` : ""
  const message = databaseMessage(error && typeof error === "object" ? error : { message: String(error) })
  const frames = firstFrames(error)
  const where = frames.length ? ` (${frames.join("; ")})` : ""
  const line = `server error: ${req.method} ${clipped(req.path, MAX_PATH)} answered ${status}: ${name}${code}: ${clipped(oneLine(message), MAX_MESSAGE)}${where}`
  return maskSecretsInText(line)
}
