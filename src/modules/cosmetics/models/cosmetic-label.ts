import { model } from "@medusajs/framework/utils"

/**
 * What the EU Cosmetics Regulation 1223/2009 art. 19 requires on a cosmetic
 * product, one row per product (linked in src/links/product-cosmetics.ts).
 * The rules for each field are in ../rules.ts; the texts a customer reads in
 * their language (precautions, function) are translatable like a product's
 * title.
 */
const CosmeticLabel = model.define("cosmetic_label", {
  id: model.id({ prefix: "cosm" }).primaryKey(),
  /** INCI names in label order: descending weight, then the under-1 % ones in any order. */
  ingredients: model.array(),
  /** Period after opening in months (the open-jar symbol), when the product keeps more than 30 months. */
  pao_months: model.number().nullable(),
  /** Minimum durability date ("best before end of"), when the product keeps 30 months or less. */
  durability_date: model.dateTime().nullable(),
  nominal_content_amount: model.float(),
  nominal_content_unit: model.enum(["ml", "g"]),
  /** The responsible person (art. 4): a natural or legal person established in the EU. */
  responsible_person_name: model.text(),
  responsible_person_address: model.text(),
  /** ISO 3166-1 alpha-2 code of an EU member state. */
  responsible_person_country: model.text(),
  /** Particular precautions for use (art. 19(1)(d)). */
  precautions: model.text().translatable().nullable(),
  /** The product's function, unless clear from its presentation (art. 19(1)(f)). */
  product_function: model.text().translatable(),
})

export default CosmeticLabel
