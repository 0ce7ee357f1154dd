/**
 * INTERNAL: knex's `SET search_path` on every new PostgreSQL connection.
 *
 * Relies on: knex 3 (the copy `@medusajs/deps` → `@mikro-orm/postgresql` → `@mikro-orm/knex` resolves, as
 * Medusa 2.21.2 uses it) lib/dialects/postgres/index.js: the class `Client_PG` whose prototype method
 * `setSchemaSearchPath(connection, searchPath)` runs `set search_path to …` when knex acquires a connection.
 * Medusa gives knex `searchPath: "public"` (framework pg-connection-loader, utils createPgConnection).
 *
 * Why: through a transaction pooler (Supabase's, port 6543) that statement runs on whichever server session the
 * pooler lends for it: the client's later queries go to other sessions, so it buys nothing, and the lent session
 * keeps the setting for the pooler's next client, so it leaks. With DATABASE_URL on a transaction pooler the
 * statement is skipped; queries then use the role's default search_path (`"$user", public`, on Supabase also
 * `extensions`), where Medusa's tables live.
 *
 * When it changes: if the client class or its `setSchemaSearchPath` (one that sets search_path) is not found,
 * one error line says so and knex keeps setting search_path, as with stock Medusa: safe for this shop, whose
 * tables are all in `public`. Canary: knexSetsSearchPath; the deploy suite's pooler-session-state spec checks
 * the behaviour through pgbouncer.
 *
 * Remove when: Medusa stops passing a searchPath to knex, or knex skips it through a pooler.
 */
import { createRequire } from "node:module"
import { logInternalChanged } from "./changed"

export const INTERNAL_NAME = "knex's setSchemaSearchPath"

export interface KnexPgClientPrototype {
  setSchemaSearchPath(connection: unknown, searchPath?: unknown): Promise<unknown>
}

const INSTALLED = Symbol.for("beauty-shop.search-path-left-alone")

/** The prototype of knex's PostgreSQL client class that Medusa's connections use. */
export function knexPostgresClient(): KnexPgClientPrototype {
  const fromMedusa = createRequire(require.resolve("@medusajs/deps/mikro-orm/postgresql"))
  const fromMikroOrm = createRequire(fromMedusa.resolve("@mikro-orm/postgresql"))
  const fromMikroOrmKnex = createRequire(fromMikroOrm.resolve("@mikro-orm/knex"))
  const ClientPg = fromMikroOrmKnex("knex/lib/dialects/postgres") as { prototype: KnexPgClientPrototype }
  return ClientPg.prototype
}

/** What is wrong with knex's client as found, or undefined when it has a setSchemaSearchPath that sets search_path. */
export function searchPathProblem(find: () => KnexPgClientPrototype = knexPostgresClient): string | undefined {
  let prototype: KnexPgClientPrototype
  try {
    prototype = find()
  } catch (error) {
    return `no knex PostgreSQL client along Medusa's path (${(error as Error).message.split("\n")[0]})`
  }
  const method = prototype?.setSchemaSearchPath as unknown
  if (typeof method !== "function") return "no setSchemaSearchPath on knex's PostgreSQL client"
  const marked = prototype as KnexPgClientPrototype & { [INSTALLED]?: boolean }
  if (!marked[INSTALLED] && !method.toString().includes("search_path")) {
    return "a setSchemaSearchPath that does not set search_path"
  }
  return undefined
}

/**
 * Makes knex leave search_path alone on new connections; false, with one error line, when knex's client is not
 * as expected (it then keeps setting it).
 */
export function leaveSearchPathToTheRole({
  find = knexPostgresClient,
  log = (line: string) => console.error(line),
}: { find?: () => KnexPgClientPrototype; log?: (line: string) => void } = {}): boolean {
  const problem = searchPathProblem(find)
  if (problem) {
    logInternalChanged(
      INTERNAL_NAME,
      "knex's PostgreSQL client (via @medusajs/deps → @mikro-orm/knex) has a setSchemaSearchPath that sets search_path",
      problem,
      'every new connection sets search_path to "public", which a transaction pooler passes on to its next client',
      log
    )
    return false
  }
  const prototype = find() as KnexPgClientPrototype & { [INSTALLED]?: boolean }
  if (!prototype[INSTALLED]) {
    prototype[INSTALLED] = true
    prototype.setSchemaSearchPath = async () => true
  }
  return true
}
