import { readAppliedMigrations } from "../applied-migrations"
import {
  migrationScriptNames,
  moduleMigrationNames,
  moduleResolveStrings,
} from "../../internals/medusa-migration-discovery"
import { describePending, pendingMigrations } from "../pending-migrations"

describe("pending migrations", () => {
  it("names module migrations as mikro_orm_migrations records them, without declarations or maps", () => {
    expect(
      moduleMigrationNames([
        "Migration20240101.js",
        "Migration20240101.js.map",
        "Migration20240101.d.ts",
        "InitialSetup2024.js",
      ])
    ).toEqual(["Migration20240101", "InitialSetup2024"])
  })

  it("names migration scripts by file, leaving out index files and declarations", () => {
    expect(migrationScriptNames(["create-defaults.js", "create-defaults.d.ts", "index.js", "a.js.map"])).toEqual([
      "create-defaults.js",
    ])
  })

  it("counts what the tracking tables do not record, each name once", () => {
    const pending = pendingMigrations(
      { modules: ["InitialSetup1", "InitialSetup1", "Migration2", "Migration3"], scripts: ["a.js", "b.js"] },
      { modules: ["InitialSetup1", "Migration2"], scripts: ["a.js"] }
    )
    expect(pending).toEqual({ modules: ["Migration3"], scripts: ["b.js"], total: 2 })
    expect(describePending(pending)).toBe("2 pending (1 module migration, 1 migration script)")
  })

  it("asks whether a file is skipped only for what is not applied, so a migrated database loads no migration file", () => {
    const asked: string[] = []
    const skipped = (kind: string, path: string) => {
      asked.push(`${kind} ${path}`)
      return path === "/scripts/disabled.js"
    }
    const expected = {
      modules: ["Applied1", "Pending2"],
      scripts: ["disabled.js"],
      paths: {
        "module:Applied1": ["/m/Applied1"],
        "module:Pending2": ["/m/Pending2"],
        "script:disabled.js": ["/scripts/disabled.js"],
      },
    }
    const pending = pendingMigrations(expected, { modules: ["Applied1"], scripts: [] }, skipped)
    expect(pending).toEqual({ modules: ["Pending2"], scripts: [], total: 1 })
    expect(asked).toEqual(["module /m/Pending2", "script /scripts/disabled.js"])

    asked.length = 0
    expect(
      pendingMigrations(expected, { modules: ["Applied1", "Pending2"], scripts: ["disabled.js"] }, skipped).total
    ).toBe(0)
    expect(asked).toEqual([])
  })

  it("counts a name two modules share unless Medusa skips both files", () => {
    const expected = {
      modules: ["Shared1"],
      scripts: [],
      paths: { "module:Shared1": ["/skipped/Shared1", "/run/Shared1"] },
    }
    const skipped = (_kind: string, path: string) => path.startsWith("/skipped/")
    expect(pendingMigrations(expected, { modules: [], scripts: [] }, skipped).modules).toEqual(["Shared1"])
    expect(pendingMigrations(expected, { modules: [], scripts: [] }, () => true).modules).toEqual([])
  })

  it("finds nothing pending on a migrated database", () => {
    const expected = { modules: ["Migration2"], scripts: ["a.js"] }
    const pending = pendingMigrations(expected, expected)
    expect(pending.total).toBe(0)
    expect(describePending(pending)).toBe("0 pending")
  })

  it("takes Medusa's default modules unless configured or disabled, and providers given by resolve string", () => {
    const defaults = [
      { key: "product", defaultPackage: "@medusajs/medusa/product" as const },
      { key: "cart", defaultPackage: "@medusajs/medusa/cart" as const },
      { key: "index", defaultPackage: false as const },
    ]
    const resolves = moduleResolveStrings(
      {
        cart: false,
        translation: { resolve: "@medusajs/medusa/translation", disable: true },
        notification: {
          resolve: "@medusajs/medusa/notification",
          options: { providers: [{ resolve: "./src/modules/email-log" }, {}] },
        },
      },
      defaults
    )
    expect(resolves.sort()).toEqual([
      "./src/modules/email-log",
      "@medusajs/medusa/notification",
      "@medusajs/medusa/product",
    ])
  })

  it("reads a database without tracking tables as nothing applied, with SELECTs only", async () => {
    const queries: string[] = []
    const db = {
      raw: async (sql: string) => {
        queries.push(sql)
        return { rows: [] }
      },
    }
    expect(await readAppliedMigrations(db)).toEqual({ modules: [], scripts: [] })
    expect(queries.every((q) => /^select /i.test(q))).toBe(true)
  })

  it("counts a script as applied only once it finished", async () => {
    const db = {
      raw: async (sql: string) => {
        if (sql.includes("information_schema")) {
          return { rows: [{ table_name: "mikro_orm_migrations" }, { table_name: "script_migrations" }] }
        }
        if (sql.includes("mikro_orm_migrations")) {
          return { rows: [{ name: "Migration1" }] }
        }
        expect(sql).toContain("finished_at is not null")
        return { rows: [{ script_name: "a.js" }] }
      },
    }
    expect(await readAppliedMigrations(db)).toEqual({ modules: ["Migration1"], scripts: ["a.js"] })
  })
})
