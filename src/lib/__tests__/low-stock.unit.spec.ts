import { lowStockLines, lowStockMessage } from "../low-stock"

const level = (sku: string, stocked: number, reserved: number) => ({
  stocked_quantity: stocked,
  reserved_quantity: reserved,
  location_id: "sloc_1",
  inventory_item: { sku, title: sku.toLowerCase() },
})

describe("lowStockLines", () => {
  it("reports levels whose stock minus reservations is at or below the threshold, lowest first", () => {
    const lines = lowStockLines(
      [level("SERUM-30", 100, 0), level("LIP-ROSE", 12, 3), level("MASK-50", 10, 0), level("OIL", 2, 2)],
      10
    )
    expect(lines.map((l) => [l.sku, l.available])).toEqual([
      ["OIL", 0],
      ["LIP-ROSE", 9],
      ["MASK-50", 10],
    ])
  })

  it("ignores empty rows and reads missing quantities as zero", () => {
    expect(lowStockLines([null, { inventory_item: null }], 0)).toEqual([
      { sku: "(no SKU)", title: "", location_id: "", available: 0 },
    ])
  })
})

describe("lowStockMessage", () => {
  it("titles the report with the date, count and threshold and lists each SKU", () => {
    const message = lowStockMessage(lowStockLines([level("OIL", 1, 0), level("LIP", 5, 0)], 10), 10, "2026-11-23")
    expect(message).toEqual({
      title: "Low stock 2026-11-23: 2 variants at or below 10",
      description: "OIL: 1 left; LIP: 5 left",
    })
  })

  it("shortens a long list and says how many more", () => {
    const lines = lowStockLines(
      Array.from({ length: 25 }, (_, i) => level(`SKU-${String(i).padStart(2, "0")}`, 0, 0)),
      10
    )
    expect(lowStockMessage(lines, 10, "2026-11-23", 20).description).toMatch(/SKU-19: 0 left; and 5 more$/)
  })
})
