import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COSMETICS_MODULE } from "../../modules/cosmetics"
import type CosmeticsModuleService from "../../modules/cosmetics/service"
import { cosmeticsProblems, type CosmeticsInput } from "../../modules/cosmetics/rules"

export interface UpsertProductCosmeticsInput {
  product_id: string
  cosmetics: CosmeticsInput
}

type Row = Awaited<ReturnType<CosmeticsModuleService["retrieveCosmeticLabel"]>>

/** What the compensation needs: the row before, or that the row and its link were new. */
type Undo = { id: string; previous?: Row; linked: boolean }

const toRow = (input: CosmeticsInput) => ({
  ingredients: input.ingredients.map((name) => name.trim()),
  pao_months: input.pao_months ?? null,
  durability_date: input.durability_date ? new Date(`${input.durability_date}T00:00:00Z`) : null,
  nominal_content_amount: input.nominal_content_amount,
  nominal_content_unit: input.nominal_content_unit,
  responsible_person_name: input.responsible_person_name.trim(),
  responsible_person_address: input.responsible_person_address.trim(),
  responsible_person_country: input.responsible_person_country.toLowerCase(),
  precautions: input.precautions?.trim() || null,
  product_function: input.product_function.trim(),
})

/**
 * Validates the data (../../modules/cosmetics/rules.ts: every problem in one
 * 400), then updates the product's row or creates one and links it. Undone
 * by restoring the previous row, or deleting the new row and its link.
 */
export const upsertProductCosmeticsStep = createStep(
  "upsert-product-cosmetics",
  async ({ product_id, cosmetics }: UpsertProductCosmeticsInput, { container }) => {
    const problems = cosmeticsProblems(cosmetics)
    if (problems.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Cosmetics data: ${problems.join("; ")}`)
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [product],
    } = await query.graph({ entity: "product", fields: ["id", "cosmetics.id"], filters: { id: product_id } })
    if (!product) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product with id: ${product_id} was not found`)
    }
    const service = container.resolve<CosmeticsModuleService>(COSMETICS_MODULE)
    const existingId = (product as { cosmetics?: { id: string } | null }).cosmetics?.id
    if (existingId) {
      const previous = await service.retrieveCosmeticLabel(existingId)
      const updated = await service.updateCosmeticLabels({ id: existingId, ...toRow(cosmetics) })
      return new StepResponse(updated, { id: existingId, previous, linked: false } as Undo)
    }
    const created = await service.createCosmeticLabels(toRow(cosmetics))
    await container.resolve(ContainerRegistrationKeys.LINK).create({
      [Modules.PRODUCT]: { product_id },
      [COSMETICS_MODULE]: { cosmetic_label_id: created.id },
    })
    return new StepResponse(created, { id: created.id, linked: true } as Undo)
  },
  async (undo: Undo | undefined, { container }) => {
    if (!undo) return
    const service = container.resolve<CosmeticsModuleService>(COSMETICS_MODULE)
    if (undo.previous) {
      const { id, created_at, updated_at, deleted_at, ...fields } = undo.previous as Row & Record<string, unknown>
      void created_at
      void updated_at
      void deleted_at
      await service.updateCosmeticLabels({ id, ...fields })
      return
    }
    if (undo.linked) {
      await container.resolve(ContainerRegistrationKeys.LINK).dismiss({
        [COSMETICS_MODULE]: { cosmetic_label_id: undo.id },
      } as never)
    }
    await service.deleteCosmeticLabels(undo.id)
  }
)
