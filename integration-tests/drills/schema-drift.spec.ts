/**
 * A schema drift after a bad deploy, against the built server: a column the code reads is gone from the database
 * (renamed away, so it can be put back for the drills after this one). The Store and Admin APIs answer 500 with
 * Medusa's generic body, never a 4xx that blames the caller, and the server logs one error-level line per fault
 * naming the column, without the SQL.
 */
import { adminApi } from "../e2e/lib/admin-api"
import { sql } from "../e2e/lib/database"
import { logOf, runningShop } from "../e2e/lib/shop"

jest.setTimeout(2 * 60 * 1000)

const shop = runningShop()
const GENERIC = { code: "unknown_error", type: "unknown_error", message: "An unknown error occurred." }

/** Medusa's production log is one JSON object a line; these are the error-level ones written since `from`. */
function errorLinesSince(from: number): string[] {
  return logOf(shop.logs.server)
    .slice(from)
    .split("\n")
    .filter((line) => line.includes('"level":"error"'))
}

describe("schema drift", () => {
  afterAll(async () => {
    await sql(shop, "ALTER TABLE product RENAME COLUMN subtitle_gone TO subtitle", []).catch(() => undefined)
  })

  it("answers 500 and logs the missing column as an error when a column is gone", async () => {
    const admin = await adminApi(shop)
    const from = logOf(shop.logs.server).length
    await sql(shop, "ALTER TABLE product RENAME COLUMN subtitle TO subtitle_gone", [])

    // A cookie keeps the store cache out of it: the request reaches Medusa and the database.
    const store = await fetch(`${shop.serverUrl}/store/products?limit=3&q=drift`, {
      headers: { "x-publishable-api-key": shop.publishableKey, cookie: "drill=1" },
    })
    const adminAnswer = await admin.get("/admin/products?limit=3")
    expect(store.status).toBe(500)
    expect(await store.json()).toEqual(GENERIC)
    expect(adminAnswer).toEqual({ status: 500, body: GENERIC })

    // The log line is written as the answer goes out; give the logger a moment to flush.
    await new Promise((resolve) => setTimeout(resolve, 500))
    const errors = errorLinesSince(from)
    const faults = errors.filter((line) => line.includes("server error: "))
    console.log(`schema drift: error lines\n${faults.join("\n")}`)
    expect(faults.filter((line) => line.includes("server error: GET /store/products answered 500"))).toHaveLength(1)
    expect(faults.filter((line) => line.includes("server error: GET /admin/products answered 500"))).toHaveLength(1)
    for (const line of faults) {
      expect(line).toMatch(/42703: column \S+\.subtitle does not exist/)
      expect(line).not.toMatch(/select |"p0"\.|drift/i)
    }

    await sql(shop, "ALTER TABLE product RENAME COLUMN subtitle_gone TO subtitle", [])
    expect((await admin.get("/admin/products?limit=3")).status).toBe(200)
  })
})
