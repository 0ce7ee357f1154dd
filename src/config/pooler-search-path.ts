import { createRequire } from "node:module"

interface KnexPgClientPrototype {
  setSchemaSearchPath(connection: unknown, searchPath?: unknown): Promise<unknown>
}

const INSTALLED = Symbol.for("beauty-shop.search-path-left-alone")

/**
 * knex runs `set search_path to "public"` on every new connection, because
 * Medusa gives it `searchPath: "public"` (framework pg-connection-loader,
 * utils createPgConnection). Through a transaction pooler that statement runs
 * on whichever server session the pooler lends for it: the client's later
 * queries go to other sessions, so it buys nothing, and the lent session keeps
 * the setting for the pooler's next client, so it leaks. With DATABASE_URL on
 * a transaction pooler the statement is skipped; queries then use the role's
 * default search_path (`"$user", public`, on Supabase also `extensions`),
 * where Medusa's tables live.
 *
 * The knex that Medusa uses is the one its MikroORM bundle resolves, so it is
 * found along that path rather than by a bare require.
 */
export function leaveSearchPathToTheRole(): KnexPgClientPrototype {
  const prototype = knexPostgresClient()
  const marked = prototype as KnexPgClientPrototype & { [INSTALLED]?: boolean }
  if (!marked[INSTALLED]) {
    marked[INSTALLED] = true
    prototype.setSchemaSearchPath = async () => true
  }
  return prototype
}

/** The prototype of knex's PostgreSQL client class that Medusa's connections use. */
export function knexPostgresClient(): KnexPgClientPrototype {
  const fromMedusa = createRequire(require.resolve("@medusajs/deps/mikro-orm/postgresql"))
  const fromMikroOrm = createRequire(fromMedusa.resolve("@mikro-orm/postgresql"))
  const fromMikroOrmKnex = createRequire(fromMikroOrm.resolve("@mikro-orm/knex"))
  const ClientPg = fromMikroOrmKnex("knex/lib/dialects/postgres") as { prototype: KnexPgClientPrototype }
  return ClientPg.prototype
}
