/**
 * The low-stock report's arithmetic, pure so it is unit-tested: which
 * inventory levels have at most `threshold` units available (stocked minus
 * reserved for unfulfilled orders), lowest first.
 */
export interface InventoryLevelRow {
  stocked_quantity?: unknown
  reserved_quantity?: unknown
  location_id?: string | null
  inventory_item?: { sku?: string | null; title?: string | null } | null
}

export interface LowStockLine {
  sku: string
  title: string
  location_id: string
  available: number
}

const quantity = (value: unknown) => (typeof value === "number" ? value : Number(value ?? 0) || 0)

export function lowStockLines(levels: Array<InventoryLevelRow | null | undefined>, threshold: number): LowStockLine[] {
  return levels
    .filter((level): level is InventoryLevelRow => Boolean(level))
    .map((level) => ({
      sku: level.inventory_item?.sku ?? "(no SKU)",
      title: level.inventory_item?.title ?? "",
      location_id: level.location_id ?? "",
      available: quantity(level.stocked_quantity) - quantity(level.reserved_quantity),
    }))
    .filter((line) => line.available <= threshold)
    .sort((a, b) => a.available - b.available || a.sku.localeCompare(b.sku))
}

/** The admin feed entry: a title and one line per SKU, shortest first. */
export function lowStockMessage(lines: LowStockLine[], threshold: number, date: string, shown = 20) {
  const listed = lines.slice(0, shown).map((l) => `${l.sku}: ${l.available} left`)
  const more = lines.length > shown ? [`and ${lines.length - shown} more`] : []
  return {
    title: `Low stock ${date}: ${lines.length} variant${lines.length === 1 ? "" : "s"} at or below ${threshold}`,
    description: [...listed, ...more].join("; "),
  }
}
