import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createReturnReasonsWorkflow } from "@medusajs/medusa/core-flows"
import { RETURN_REASONS } from "../catalogue-data"
import { missing } from "./missing"

/** The return reasons of ../catalogue-data.ts, by value. Appends what it creates to `created`. */
export async function ensureReturnReasons(container: MedusaContainer, created: string[]): Promise<void> {
  const orderModule = container.resolve(Modules.ORDER)
  const existing = await orderModule.listReturnReasons({ value: RETURN_REASONS.map((r) => r.value) })
  const toCreate = missing(RETURN_REASONS, existing, (r) => r.value)
  if (!toCreate.length) {
    return
  }
  await createReturnReasonsWorkflow(container).run({
    input: { data: toCreate.map(({ value, label, description }) => ({ value, label, description })) },
  })
  created.push(`return reasons ${toCreate.map((r) => r.value).join(", ")}`)
}
