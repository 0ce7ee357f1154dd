import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/**
 * Checks Medusa 2.21's routes do not make, before the request reaches them,
 * each answered with a 400 and one line (the hostile-input cases in
 * integration-tests/drills/hostile-input/cases.json show each one):
 *
 * - a NUL byte anywhere in the URL or a body string: PostgreSQL refuses it
 *   mid-query;
 * - `limit` and `offset` must be whole numbers, `limit` at most 1,000 on the
 *   Store API (a storefront pages through the catalogue) and 10,000 on the
 *   Admin API; Medusa passes any number through to the database;
 * - `order` must be field names (`-created_at,title`);
 * - a date (under a query or body key ending in `_at`, such as
 *   `created_at[$gt]`) must have a digit in it or be one of PostgreSQL's
 *   words for a date (`now`, `today`, …): Medusa passes any text through to
 *   the database, whose refusal ./client-errors.ts can tell apart from a
 *   server fault only by the value it quotes. A text with digits that is still
 *   no date gets that refusal, answered 400 there. Metadata is free-form and
 *   not checked;
 * - a query key with more than one dot (`a.b.c`): Medusa refuses it with a
 *   500, which would be logged as a server fault;
 * - in Store API bodies, no text longer than 2,048 characters (an address
 *   line, an email or a promotion code is far shorter) and `quantity` only a
 *   whole number from 0 to 10,000: Medusa accepts 1.5 items;
 * - in Admin API bodies, no negative `amount` (a price);
 * - an upload id (`/admin/uploads/:id`) with a path in it;
 * - a body nested more than 32 levels deep.
 */
const MAX_LIMIT = { store: 1_000, admin: 10_000 } as const
const MAX_OFFSET = 1_000_000_000
const MAX_STORE_TEXT = 2_048
const MAX_QUANTITY = 10_000
/** Deeper than any body Medusa's routes take; Medusa's validation of a far deeper one overflows the stack. */
const MAX_DEPTH = 32
const ORDER = /^-?[A-Za-z_][\w.]*(,-?[A-Za-z_][\w.]*)*$/
const WHOLE = /^\d+$/
/** What PostgreSQL takes as a date without a digit in it. */
const DATE_WORDS = new Set(["now", "today", "tomorrow", "yesterday", "epoch", "infinity", "-infinity"])
/** Free-form objects whose keys are the caller's own. */
const FREE_FORM = new Set(["metadata", "additional_data"])

type Api = keyof typeof MAX_LIMIT

/** The first problem with a body value, found walking it; undefined when there is none. */
function bodyProblem(value: unknown, api: Api, key = "", depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return `the body is nested more than ${MAX_DEPTH} levels deep`
  if (key === "quantity" && api === "store") {
    const ok = typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_QUANTITY
    if (!ok) return `quantity must be a whole number from 0 to ${MAX_QUANTITY}`
  }
  if (typeof value === "string") {
    if (value.includes("\u0000")) return `${key || "the body"} contains a NUL character`
    if (api === "store" && value.length > MAX_STORE_TEXT) {
      return `${key || "a value"} is longer than ${MAX_STORE_TEXT} characters`
    }
    return undefined
  }
  if (key === "amount" && api === "admin" && typeof value === "number" && !(value >= 0)) {
    return "amount must not be negative"
  }
  if (value && typeof value === "object") {
    for (const [childKey, child] of Object.entries(value)) {
      const problem = bodyProblem(child, api, Array.isArray(value) ? key : childKey, depth + 1)
      if (problem) return problem
    }
  }
  return undefined
}

const notADate = (text: string) => !/\d/.test(text) && !DATE_WORDS.has(text.trim().toLowerCase())

/**
 * The first date that is not one, under a key ending in `_at` at any depth (through operators such as `$gt`,
 * `$and` and arrays). An empty text counts in a query (a filter on nothing) but not in a body, where it may mean
 * "no date".
 */
function dateProblem(value: unknown, inQuery: boolean, dateKey?: string, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined
  if (typeof value === "string") {
    if (!dateKey || (!inQuery && value === "")) return undefined
    return notADate(value) ? `${dateKey} must be a date` : undefined
  }
  if (!value || typeof value !== "object") return undefined
  for (const [key, child] of Object.entries(value)) {
    if (FREE_FORM.has(key)) continue
    const childKey = Array.isArray(value) || key.startsWith("$") ? dateKey : key.endsWith("_at") ? key : undefined
    const problem = dateProblem(child, inQuery, childKey, depth + 1)
    if (problem) return problem
  }
  return undefined
}

function queryProblem(query: Record<string, unknown>, api: Api): string | undefined {
  const deepKey = Object.keys(query).find((key) => key.split(".").length > 2)
  if (deepKey !== undefined) return "a query key has at most one dot (a.b)"
  const { limit, offset, order } = query
  if (limit !== undefined && (typeof limit !== "string" || !WHOLE.test(limit) || Number(limit) > MAX_LIMIT[api])) {
    return `limit must be a whole number from 0 to ${MAX_LIMIT[api]}`
  }
  if (offset !== undefined && (typeof offset !== "string" || !WHOLE.test(offset) || Number(offset) > MAX_OFFSET)) {
    return "offset must be a whole number from 0"
  }
  if (order !== undefined && (typeof order !== "string" || !ORDER.test(order))) {
    return "order must be field names, each optionally with a leading -"
  }
  return dateProblem(query, true)
}

/** The decoded text, or "%" (refused) when it is not valid percent-encoding. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return "%"
  }
}

/** The request's fields this looks at (a MedusaRequest has them). */
export interface CheckedRequest {
  originalUrl: string
  path: string
  query: unknown
  body?: unknown
}

export function problemWith(req: CheckedRequest, api: Api): string | undefined {
  if (/%00|\u0000/.test(req.originalUrl)) return "the URL contains a NUL character"
  const upload = /^\/uploads\/(.+)$/.exec(req.path)
  if (api === "admin" && upload && /\.\.|[/\\]|%/.test(safeDecode(upload[1]))) {
    return "an upload id is a file name, not a path"
  }
  return (
    queryProblem(req.query as Record<string, unknown>, api) ??
    bodyProblem(req.body, api) ??
    dateProblem(req.body, false)
  )
}

export function requestSanity(api: Api) {
  return function checkRequest(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): void {
    const problem = problemWith(req, api)
    if (!problem) return next()
    res.status(400).json({ type: "invalid_data", message: problem })
  }
}
