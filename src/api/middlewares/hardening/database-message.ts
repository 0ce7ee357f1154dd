/**
 * What the database itself said, out of an error's message. knex puts the query, with its parameters written
 * in, before PostgreSQL's message (`select … where "email" = 'karen@example.dk' - column p0.foo does not exist`),
 * and MikroORM adds PostgreSQL's detail and hint on lines of their own (` - detail: Key (email)=(…)`); the
 * query and the detail carry the request's data, so neither may reach a log line or an answer.
 */

/** SQLSTATE codes are five digits or capital letters; node's socket errors (ECONNRESET) are not. */
const SQLSTATE = /^[0-9A-Z]{5}$/
/** A statement in the text: knex's prefix, or a wrapper's copy of it. */
const SQL_TEXT = /\b(select\b[\s\S]*?\bfrom|insert into|update\s+"?[\w.]+"?(\s+as\s+"?\w+"?)?\s+set|delete from)\b/i

interface ErrorFields {
  message?: unknown
  code?: unknown
  detail?: unknown
  hint?: unknown
}

function fieldsOf(error: unknown): ErrorFields {
  return error && typeof error === "object" ? (error as ErrorFields) : {}
}

/** The message without the detail and hint lines MikroORM appends (hint last). */
export function messageWithoutNotes(error: unknown): string {
  const { message, detail, hint } = fieldsOf(error)
  let text = typeof message === "string" ? message : ""
  for (const [label, note] of [
    ["hint", hint],
    ["detail", detail],
  ] as const) {
    const suffix = `\n - ${label}: ${String(note)}`
    if (typeof note === "string" && text.endsWith(suffix)) text = text.slice(0, -suffix.length)
  }
  // A note that did not match its field exactly: drop trailing note lines all the same.
  return text.replace(/(\n - (detail|hint): [^\n]*)+$/, "")
}

/** The error's SQLSTATE (PostgreSQL's five-character code), if it has one. */
export function sqlState(error: unknown): string | undefined {
  const { code } = fieldsOf(error)
  return typeof code === "string" && SQLSTATE.test(code) ? code : undefined
}

/**
 * The database's own message: what follows the last " - " of a message knex prefixed with the query, without
 * MikroORM's detail and hint. A value that itself holds " - " is cut there, which loses words, never shows SQL.
 * A message that names a statement but has no " - " is withheld. Any other error's message is returned whole.
 */
export function databaseMessage(error: unknown): string {
  const text = messageWithoutNotes(error)
  const holdsSql = SQL_TEXT.test(text)
  if (!holdsSql && !sqlState(error)) return text
  const cut = text.lastIndexOf(" - ")
  if (cut >= 0) return text.slice(cut + 3)
  return holdsSql ? "(message withheld: it holds SQL)" : text
}
