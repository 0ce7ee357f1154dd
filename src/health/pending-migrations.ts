import { existsSync, readdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { ModulesDefinition } from "@medusajs/framework/modules-sdk"
import { isFileDisabled, isFileSkipped, ModulesSdkUtils } from "@medusajs/framework/utils"

/**
 * Which of the migrations `npm run migrate` would apply are not applied yet,
 * found without writing anything: the start scripts wait on this before they
 * boot Medusa (scripts/start.mjs), because Medusa's module loaders fail on a
 * schema that is not there yet (`relation "payment_provider" does not exist`)
 * and a worker Railway starts while the server's pre-deploy migration still
 * runs would crash-loop.
 *
 * Medusa 2.21.2 has no read-only planner to ask: MikroORM's
 * `Migrator.getPendingMigrations()` creates `mikro_orm_migrations` first, the
 * link planner's `createPlan()` creates and fills `link_module_migrations`
 * (and renames tables), and the scripts migrator creates `script_migrations`.
 * So this compares the files Medusa would run, found the way Medusa finds them,
 * with the rows of its own tracking tables:
 * - module migrations: every enabled module and provider (the defaults Medusa
 *   adds, as MedusaAppLoader.mergeDefaultModules does) has them in a
 *   `migrations` folder next to its discovery path; `mikro_orm_migrations`
 *   records each by file name without extension, one table for all modules;
 * - migration scripts: @medusajs/medusa's and the app's `migration-scripts`
 *   folders (db:migrate:scripts); `script_migrations` records a script by file
 *   name, done once `finished_at` is set.
 * Link tables are not counted: a link that is not synced yet fails a query
 * that uses it, not the boot, and `npm run migrate` syncs links between the
 * two steps counted here, so the scripts step finishing implies them.
 */

export interface AppliedMigrations {
  /** Module migration names, as `mikro_orm_migrations.name` records them. */
  modules: string[]
  /** Migration script file names, as `script_migrations.script_name` records them. */
  scripts: string[]
}

export interface ExpectedMigrations extends AppliedMigrations {
  /**
   * The files behind each `module:<name>` / `script:<name>` (two modules may
   * share a name), to ask Medusa whether a pending one is skipped. Files are
   * loaded only then: loading all ~190 on every boot cost about 1.2 s when
   * nothing was pending.
   */
  paths?: Record<string, string[]>
}

export interface PendingMigrations extends AppliedMigrations {
  total: number
}

type Kind = "module" | "script"

/**
 * Whether Medusa leaves the file out: CustomDBMigrator skips module
 * migrations marked skipped (defineFileConfig); the scripts migrator also
 * leaves out files disabled by defineFileConfig (create-super-admin-role.js
 * without the rbac flag). Both are known once the file is loaded.
 */
function skippedByMedusa(kind: Kind, path: string): boolean {
  return isFileSkipped(require(path)) || (kind === "script" && isFileDisabled(path))
}

const MIGRATION_FILE = /\.(js|cjs|ts)$/
const DECLARATION_FILE = /\.d\.[cm]?ts$/

/** The migration names a module's migrations folder holds (MikroORM's glob `!(*.d).{js,ts,cjs}`). */
export function moduleMigrationNames(files: string[]): string[] {
  return files
    .filter((file) => MIGRATION_FILE.test(file) && !DECLARATION_FILE.test(file))
    .map((file) => file.replace(MIGRATION_FILE, ""))
}

/** The script names a migration-scripts folder holds (Medusa's glob `*.{js,ts}` without index and .d.ts). */
export function migrationScriptNames(files: string[]): string[] {
  return files.filter(
    (file) => /\.(js|ts)$/.test(file) && !DECLARATION_FILE.test(file) && !/^index\.(js|ts)$/.test(file)
  )
}

export function pendingMigrations(
  expected: ExpectedMigrations,
  applied: AppliedMigrations,
  skipped: (kind: Kind, path: string) => boolean = skippedByMedusa
): PendingMigrations {
  const notApplied = (kind: Kind, names: string[], done: string[]) => {
    const appliedNames = new Set(done)
    return [...new Set(names)].filter((name) => {
      const files = expected.paths?.[`${kind}:${name}`] ?? []
      return !appliedNames.has(name) && !(files.length && files.every((path) => skipped(kind, path)))
    })
  }
  const modules = notApplied("module", expected.modules, applied.modules)
  const scripts = notApplied("script", expected.scripts, applied.scripts)
  return { modules, scripts, total: modules.length + scripts.length }
}

/** "93 pending (90 module migrations, 3 migration scripts)" */
export function describePending(pending: PendingMigrations): string {
  const parts = [
    pending.modules.length
      ? `${pending.modules.length} module migration${pending.modules.length === 1 ? "" : "s"}`
      : "",
    pending.scripts.length
      ? `${pending.scripts.length} migration script${pending.scripts.length === 1 ? "" : "s"}`
      : "",
  ].filter(Boolean)
  return `${pending.total} pending${parts.length ? ` (${parts.join(", ")})` : ""}`
}

type ModuleDeclaration =
  boolean | { resolve?: unknown; disable?: boolean; options?: { providers?: Array<{ resolve?: unknown }> } }

/**
 * What Medusa loads, as module resolve strings: the configured modules plus
 * every default module that is not configured, without those set to false or
 * `disable: true` (defineConfig's way for modules behind a feature flag, like
 * translation and rbac), and each module's providers given by a resolve
 * string (a provider may bring migrations).
 */
export function moduleResolveStrings(
  configured: Record<string, ModuleDeclaration | undefined>,
  defaults: Array<{ key: string; defaultPackage: string | false }> = defaultModules()
): string[] {
  const modules: Record<string, ModuleDeclaration | undefined> = { ...configured }
  for (const definition of defaults) {
    if (definition.defaultPackage && modules[definition.key] === undefined) {
      modules[definition.key] = { resolve: definition.defaultPackage }
    }
  }
  const resolves: string[] = []
  for (const [key, declaration] of Object.entries(modules)) {
    if (declaration === false || declaration === undefined || (declaration !== true && declaration.disable)) {
      continue
    }
    const fallback = defaults.find((d) => d.key === key)?.defaultPackage
    const resolve = declaration !== true && typeof declaration.resolve === "string" ? declaration.resolve : fallback
    if (typeof resolve === "string") {
      resolves.push(resolve)
    }
    const providers = declaration === true ? [] : (declaration.options?.providers ?? [])
    for (const provider of providers) {
      if (typeof provider?.resolve === "string") {
        resolves.push(provider.resolve)
      }
    }
  }
  return [...new Set(resolves)]
}

function defaultModules(): Array<{ key: string; defaultPackage: string | false }> {
  return Object.values(ModulesDefinition).map((d) => ({ key: d.key, defaultPackage: d.defaultPackage }))
}

function listFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : []
}

/**
 * The migrations folder of a module or provider: next to the file Medusa
 * discovers its resources from (a re-export like @medusajs/medusa/product
 * names the real package in `discoveryPath`).
 */
function migrationsFolder(resolve: string, appDir: string): string | undefined {
  let entry: string
  try {
    entry = require.resolve(resolve, { paths: [appDir] })
  } catch {
    // Medusa reports a module it cannot resolve when it boots.
    return undefined
  }
  const beside = join(dirname(entry), "migrations")
  if (existsSync(beside)) {
    return beside
  }
  const discoveryPath = (require(entry) as { discoveryPath?: unknown }).discoveryPath
  return typeof discoveryPath === "string" ? join(dirname(discoveryPath), "migrations") : undefined
}

/** Every migration `npm run migrate` applies for this built app (appDir: .medusa/server). */
export function expectedMigrations(
  configModules: Record<string, ModuleDeclaration | undefined>,
  appDir: string
): ExpectedMigrations {
  const modules: string[] = []
  const paths: Record<string, string[]> = {}
  const add = (key: string, path: string) => (paths[key] ??= []).push(path)
  for (const resolve of moduleResolveStrings(configModules)) {
    const folder = migrationsFolder(resolve.startsWith(".") ? join(appDir, resolve) : resolve, appDir)
    if (!folder) {
      continue
    }
    for (const name of moduleMigrationNames(listFiles(folder))) {
      modules.push(name)
      add(`module:${name}`, join(folder, name))
    }
  }
  const scriptFolders = [
    join(dirname(require.resolve("@medusajs/medusa", { paths: [appDir] })), "migration-scripts"),
    join(appDir, "src", "migration-scripts"),
  ]
  const scripts: string[] = []
  for (const folder of scriptFolders) {
    for (const file of migrationScriptNames(listFiles(folder))) {
      scripts.push(file)
      add(`script:${file}`, join(folder, file))
    }
  }
  return { modules, scripts, paths }
}

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
