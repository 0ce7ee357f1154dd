/**
 * INTERNAL: where Medusa finds the migrations `medusa db:migrate` applies.
 *
 * Relies on: `@medusajs/framework@2.21.2` `ModulesDefinition` (each default module's `key` and
 * `defaultPackage`); a module's migrations in a `migrations` folder beside its entry file or beside its
 * `discoveryPath`, picked by MikroORM's glob `!(*.d).{js,ts,cjs}`; the data migration scripts in
 * `@medusajs/medusa`'s dist/migration-scripts and the app's src/migration-scripts (`*.{js,ts}` without index and
 * .d.ts). A copy of what `medusa db:migrate` does, read from folders only.
 *
 * Why: the start scripts wait for pending migrations before Medusa boots (scripts/lib/wait-for-migrations.mjs,
 * docs/operations.md), so a new server never runs against a schema the deploy's migrate step has not finished.
 * Medusa offers no call that lists pending migrations without loading every module.
 *
 * When it changes: if the discovery finds no module migration or no migration script, it no longer sees what
 * Medusa applies. The start scripts then refuse to start in production with one line (starting could serve a
 * schema behind the code); elsewhere they log one error line and start without waiting. Canary:
 * medusaMigrationsFound.
 *
 * Remove when: Medusa exposes its pending migrations (a `db:migrate --dry-run` or a module-free query).
 *
 * The migrations `npm run migrate` would apply for the built app; ../health/pending-migrations.ts says which
 * ones count and why.
 */
import { existsSync, readdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { ModulesDefinition } from "@medusajs/framework/modules-sdk"
import type { ExpectedMigrations } from "../health/pending-migrations"

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

export const INTERNAL_NAME = "Medusa's migration discovery"

/** What is wrong with the migrations found, or undefined when both kinds were found. */
export function migrationDiscoveryProblem(expected: ExpectedMigrations): string | undefined {
  const missing = [
    expected.modules.length ? undefined : "no module migration",
    expected.scripts.length ? undefined : "no migration script",
  ].filter(Boolean)
  return missing.length ? missing.join(" and ") : undefined
}
