import { MedusaError } from "@medusajs/framework/utils"
import { messageWithoutNotes, sqlState } from "./database-message"

/**
 * Errors that Medusa 2.21 answers with a 500 although the request caused them, turned into the 4xx they are,
 * with a message that names no table or SQL. An error counts as the request's only when what the database or
 * the ORM names in it is something the request sent; anything else is a server fault (a 500, logged as an error
 * by ./error-handler.ts), because the same message can mean either: `invalid input syntax for type timestamp
 * with time zone: "yesterday-ish"` is the caller's mistake when the caller sent yesterday-ish and a bug when the
 * shop's code made it up, and a 400 for a fault hides it from the error log. ./request-sanity.ts refuses what
 * it can before the route; this is the safety net behind it.
 *
 * - SQLSTATE class 22, "data exception", naming a value the request sent in its query, body or path
 *   (`invalid input syntax for type timestamp with time zone: "yesterday-ish"`); LIMIT or OFFSET below zero
 *   (2201W, 2201X) when the request's own `limit` or `offset` is negative;
 * - 42703, "undefined column", raised outside Medusa's repositories (raw SQL), naming a field the request named
 *   in its query's `fields`, `order` or filter keys. One raised inside a repository is always the schema's
 *   fault: before each query Medusa drops the fields its model lacks (pruneFindOptionsAgainstMetadata) and
 *   MikroORM refuses an order or a filter on a property the model lacks, so a column the database cannot find
 *   there is one the model has and the database lost (a dropped column after a bad deploy). Medusa answers
 *   those 400 itself (its dbErrorMapper makes them invalid data); withSqlState below undoes that;
 * - knex's "A non-negative integer must be provided to offset" when the request's `offset` is negative;
 * - MikroORM's "Trying to order by not existing property" / "Trying to query by not existing property" when the
 *   property is in the request's `order` / filter keys (MikroORM checks the model, not the database, so only a
 *   request or a bug in the code can name one).
 *
 * An Awilix resolution error (a service nobody registered) is the server's configuration, not the request: it
 * stays a 500.
 */

/** Enough values to cover any body Medusa's routes take, without walking a hostile one for long. */
const MAX_VALUES = 10_000
const MAX_DEPTH = 32
const SHOWN_VALUE_LENGTH = 80
/** PostgreSQL's message for 42703, after knex's SQL and " - ", or alone as Medusa's dbErrorMapper leaves it. */
const UNDEFINED_COLUMN = /(?:^| - )column (.+?) (of relation "[^"]*" )?does not exist$/

/**
 * Medusa's repositories (utils' dbErrorMapper) turn an undefined column into MedusaError INVALID_DATA whose
 * message is PostgreSQL's line from "column" on (`column p0.subtitle does not exist`), which Medusa would answer
 * 400, and which still holds SQL when the query had a column named "column…" in it. This gives such an error
 * back its SQLSTATE, as a plain error marked as coming from a repository (a server fault, see above); other
 * errors are returned as they are. Medusa's errors are recognised by their type, as Medusa's handler does, since
 * one that crossed a workflow may no longer be an instance of MedusaError.
 */
export function withSqlState(error: unknown): unknown {
  if (!error || typeof error !== "object") return error
  const { type, message, stack } = error as { type?: unknown; message?: unknown; stack?: unknown }
  if (type !== MedusaError.Types.INVALID_DATA || typeof message !== "string") return error
  const line = message.split("\n")[0]
  if (!UNDEFINED_COLUMN.test(line)) return error
  return Object.assign(new Error(line), { name: "MedusaError", code: "42703", stack, fromMedusaRepository: true })
}

/** The parts of a request that show what it sent (a MedusaRequest has them). */
export interface RequestInput {
  path: string
  query?: unknown
  body?: unknown
}

type Walk = (value: unknown, key: string) => void

function walk(value: unknown, visit: Walk, key = "", depth = 0): void {
  if (depth > MAX_DEPTH) return
  visit(value, key)
  if (value && typeof value === "object") {
    for (const [childKey, child] of Object.entries(value)) {
      walk(child, visit, Array.isArray(value) ? key : childKey, depth + 1)
    }
  }
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** Every text and number the request sent, as text: query and body values and path segments. */
function sentValues(req: RequestInput): Set<string> {
  const values = new Set<string>()
  const add: Walk = (value) => {
    if (values.size >= MAX_VALUES) return
    if (typeof value === "string" && value !== "") values.add(value)
    else if (typeof value === "number" || typeof value === "bigint") values.add(String(value))
  }
  walk(req.query, add)
  walk(req.body, add)
  for (const segment of req.path.split("/")) add(decoded(segment), "")
  return values
}

const asList = (value: unknown): string[] =>
  typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((v) => typeof v === "string") : []

/** The field names in `fields` or `order` (`*variants.sku,+metadata`, `-created_at`), each path segment. */
function listedNames(value: unknown): Set<string> {
  const names = new Set<string>()
  const items = asList(value).flatMap((list) => list.split(","))
  for (const item of items) {
    const path = item.trim().replace(/^[-+*]+/, "")
    for (const segment of path.split(".")) if (segment) names.add(segment)
  }
  return names
}

/** The query's keys at every depth (`variants[options][value]`, `a.b`), but for operators ($gt) and paging. */
function filterKeys(query: unknown): Set<string> {
  const keys = new Set<string>()
  walk(query, (_value, key) => {
    if (!key || key.startsWith("$") || ["fields", "order", "limit", "offset"].includes(key)) return
    for (const segment of key.split(".")) if (segment) keys.add(segment)
  })
  return keys
}

function queryOf(req: RequestInput): Record<string, unknown> {
  return req.query && typeof req.query === "object" ? (req.query as Record<string, unknown>) : {}
}

/** Whether the request's own `limit` or `offset` is below zero (knex and PostgreSQL refuse those). */
function negativePaging(req: RequestInput, which: ("limit" | "offset")[]): boolean {
  const query = queryOf(req)
  return which.some((name) => asList(query[name]).some((text) => parseInt(text, 10) < 0))
}

/** The value the request sent that the database quotes at the end of its message, if any. */
function quotedSentValue(message: string, req: RequestInput): string | undefined {
  for (const value of sentValues(req)) {
    if (message.endsWith(` "${value}"`) || message.includes(` - value "${value}" is out of range`)) return value
  }
  return undefined
}

/** `column p0.foo does not exist`, `column "foo" does not exist`, `column "foo" of relation "product" …`: foo. */
function missingColumn(message: string): string | undefined {
  const match = UNDEFINED_COLUMN.exec(message)
  if (!match) return undefined
  const name = match[1].replace(/^"|"$/g, "")
  return name.slice(name.lastIndexOf(".") + 1)
}

function shown(value: string): string {
  const text = value.length > SHOWN_VALUE_LENGTH ? `${value.slice(0, SHOWN_VALUE_LENGTH)}…` : value
  return JSON.stringify(text)
}

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

export function asClientError(error: unknown, req: RequestInput): MedusaError | undefined {
  if (!error || typeof error !== "object" || error instanceof MedusaError) return undefined
  const code = sqlState(error)
  const message = messageWithoutNotes(error)

  if (code === "2201W" || code === "2201X") {
    return negativePaging(req, ["limit", "offset"])
      ? invalid("limit and offset must be whole numbers from 0")
      : undefined
  }
  if (code?.startsWith("22")) {
    const value = quotedSentValue(message, req)
    return value === undefined ? undefined : invalid(`${shown(value)} is not a valid value for its field`)
  }
  if (code === "42703") {
    const column = missingColumn(message)
    if (!column || (error as { fromMedusaRepository?: unknown }).fromMedusaRepository) return undefined
    const query = queryOf(req)
    const named = [...listedNames(query.fields), ...listedNames(query.order), ...filterKeys(query)]
    return named.includes(column) ? invalid(`${shown(column)} is not a field here`) : undefined
  }
  if (/A non-negative integer must be provided to offset/.test(message)) {
    return negativePaging(req, ["offset"]) ? invalid("limit and offset must be whole numbers from 0") : undefined
  }
  const property = /^Trying to (order|query) by not existing property [^.]*\.(.+)$/.exec(message)
  if (property) {
    const [, use, name] = property
    const named = use === "order" ? listedNames(queryOf(req).order) : filterKeys(req.query)
    if (!named.has(name)) return undefined
    return invalid(
      use === "order" ? `order names ${shown(name)}, which is not a field` : `${shown(name)} is not a filter here`
    )
  }
  return undefined
}
