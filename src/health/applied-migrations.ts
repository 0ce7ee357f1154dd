/**
 * The migrations the database records as applied, read from Medusa's own
 * tracking tables with SELECTs only; ./pending-migrations.ts compares them
 * with the files.
 */
import { ModulesSdkUtils } from "@medusajs/framework/utils"
import type { AppliedMigrations } from "./pending-migrations"

interface Raw {
  raw: (sql: string, bindings?: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> }>
}

/** What the tracking tables record; only SELECTs, and a table that is not there yet records nothing. */
export async function readAppliedMigrations(db: Raw, schema = "public"): Promise<AppliedMigrations> {
  const { rows } = await db.raw(
    "select table_name from information_schema.tables where table_schema = ? and table_name in ('mikro_orm_migrations', 'script_migrations')",
    [schema]
  )
  const tables = new Set(rows.map((r) => r.table_name))
  const modules = tables.has("mikro_orm_migrations")
    ? (await db.raw(`select name from "${schema}".mikro_orm_migrations`)).rows.map((r) => String(r.name))
    : []
  const scripts = tables.has("script_migrations")
    ? (await db.raw(`select script_name from "${schema}".script_migrations where finished_at is not null`)).rows.map(
        (r) => String(r.script_name)
      )
    : []
  return { modules, scripts }
}

export interface DatabaseConfig {
  databaseUrl?: string
  databaseSchema?: string
  databaseDriverOptions?: Record<string, unknown>
}

/**
 * A one-connection pool made by Medusa's own createPgConnection from the
 * app's projectConfig: DATABASE_URL (the transaction pooler in production)
 * with the app's TLS options. Plain queries only, so a transaction pooler is
 * fine.
 */
export function connect(config: DatabaseConfig) {
  return ModulesSdkUtils.createPgConnection({
    clientUrl: config.databaseUrl!,
    schema: config.databaseSchema ?? "public",
    driverOptions: config.databaseDriverOptions,
    pool: { min: 0, max: 1 },
  })
}
