import {
  describePending,
  migrationScriptNames,
  moduleMigrationNames,
  moduleResolveStrings,
  pendingMigrations,
  readAppliedMigrations,
} from "../pending-migrations"

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
