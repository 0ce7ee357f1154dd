import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import type { AdminApi } from "../../e2e/lib/admin-api"
import { sql } from "../../e2e/lib/database"
import type { RunningShop } from "../../e2e/lib/shop"

// What a drill observes, as counts: answers by status while something breaks, and what the workers' logs say
// they handled.

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** One answer of a prober: its status (0 = no answer: refused, reset or timed out) and when it came. */
export interface Probe {
  at: number
  status: number
  error?: string
  /** The first 300 characters of a body that was not a 2xx. */
  body?: string
}

/**
 * Asks one URL every `intervalMs` (one request at a time, each with a 5 s timeout) until stopped; resolves with
 * every answer in order.
 */
export function probe(url: string, intervalMs: number, init: RequestInit = {}) {
  const answers: Probe[] = []
  let running = true
  const loop = (async () => {
    while (running) {
      const at = Date.now()
      try {
        const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) })
        const text = await response.text()
        answers.push({ at, status: response.status, ...(response.ok ? {} : { body: text.slice(0, 300) }) })
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code
        answers.push({ at, status: 0, error: cause ?? (error as Error).name })
      }
      await sleep(intervalMs)
    }
  })()
  return {
    answers,
    stop: async () => {
      running = false
      await loop
      return answers
    },
  }
}

/** How many answers had each status: { 200: 41, 503: 12 }. */
export function statusCounts(answers: Array<{ status: number }>): Record<number, number> {
  const counts: Record<number, number> = {}
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1
  return counts
}

/** "200×41 503×12", with "no answer" for 0. */
export const describeCounts = (counts: Record<number, number>) =>
  Object.entries(counts)
    .map(([status, n]) => `${status === "0" ? "no answer" : status}×${n}`)
    .join(" ")

/** Every log a worker of the shop wrote (worker.log, worker.2.log, worker-replica-….log). */
export function workerLogs(shop: RunningShop): string {
  return readdirSync(shop.artifacts)
    .filter((name) => name.startsWith("worker") && name.endsWith(".log"))
    .map((name) => readFileSync(join(shop.artifacts, name), "utf8"))
    .join("\n")
}

/** For each product id, the pids of the worker processes that logged its product.created (one entry per handling). */
export function handledProductEvents(shop: RunningShop): Map<string, number[]> {
  const handled = new Map<string, number[]>()
  for (const match of workerLogs(shop).matchAll(
    /catalogue: product (prod_\w+) created; handled in worker mode \(pid (\d+)\)/g
  )) {
    handled.set(match[1], [...(handled.get(match[1]) ?? []), Number(match[2])])
  }
  return handled
}

/** A published product with one variant, made as staff make one; resolves with the status and the product id. */
export async function createProduct(
  admin: AdminApi,
  tag: string
): Promise<{ status: number; id?: string; handle: string; ms: number }> {
  const started = Date.now()
  const handle = `drill-${tag}`
  try {
    const response = await admin.post("/admin/products", {
      title: `Drill ${tag}`,
      handle,
      status: "published",
      options: [{ title: "Size", values: ["50 ml"] }],
      variants: [{ title: "50 ml", options: { Size: "50 ml" }, prices: [{ currency_code: "dkk", amount: 199 }] }],
    })
    return { status: response.status, id: response.body?.product?.id, handle, ms: Date.now() - started }
  } catch {
    return { status: 0, handle, ms: Date.now() - started }
  }
}

/** The id of the product the database holds under a handle, if any. */
export async function productWithHandle(shop: RunningShop, handle: string): Promise<string | undefined> {
  const rows = await sql<{ id: string }>(shop, "SELECT id FROM product WHERE handle = $1 AND deleted_at IS NULL", [
    handle,
  ])
  return rows[0]?.id
}
