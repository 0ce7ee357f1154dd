import { isFileDisabled, isFileSkipped } from "@medusajs/framework/utils"

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
 * So this compares the files Medusa would run, found the way Medusa finds them
 * (../internals/medusa-migration-discovery.ts), with the rows of its own tracking tables
 * (./applied-migrations.ts):
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
