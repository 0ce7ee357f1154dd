import { z } from "@medusajs/framework/zod"

/**
 * The shape of POST /admin/products/:id/cosmetics: types only. What the
 * values must be (INCI names, 1-60 months, content above 0, an EU country)
 * is checked by src/modules/cosmetics/rules.ts in the workflow, which names
 * every problem at once.
 */
export const AdminSetProductCosmetics = z
  .object({
    ingredients: z.array(z.string()).max(500),
    pao_months: z.number().nullish(),
    durability_date: z.string().nullish(),
    nominal_content_amount: z.number(),
    nominal_content_unit: z.string(),
    responsible_person_name: z.string(),
    responsible_person_address: z.string(),
    responsible_person_country: z.string(),
    precautions: z.string().nullish(),
    product_function: z.string(),
  })
  .strict()

export type AdminSetProductCosmeticsType = z.infer<typeof AdminSetProductCosmetics>
