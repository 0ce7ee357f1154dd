import { CATEGORIES, COLLECTIONS, RETURN_REASONS, SHIPPING_OPTIONS } from "../../catalogue-data"
import { PRODUCTS } from "../product-data"
import { wantedTranslations, type SeededIds } from "../translations"

/** Ids for the whole seeded catalogue, as the database would hold it (two shipping zones). */
function seededCatalogue(): SeededIds {
  return {
    products: PRODUCTS.map((p) => ({
      id: `prod_${p.handle}`,
      handle: p.handle,
      options: [
        {
          id: `opt_${p.handle}`,
          title: p.option,
          values: p.variants.map((v) => ({ id: `optval_${v.sku}`, value: v.value })),
        },
      ],
      variants: p.variants.map((v) => ({ id: `variant_${v.sku}`, sku: v.sku, title: v.value })),
    })),
    categories: CATEGORIES.map((c) => ({ id: `pcat_${c.handle}`, handle: c.handle })),
    collections: COLLECTIONS.map((c) => ({ id: `pcol_${c.handle}`, handle: c.handle })),
    shippingOptions: ["dk", "eu"].flatMap((zone) =>
      SHIPPING_OPTIONS.map((o) => ({ id: `so_${zone}_${o.code}`, name: o.name }))
    ),
    returnReasons: RETURN_REASONS.map((r) => ({ id: `rr_${r.value}`, value: r.value })),
    cosmeticLabels: PRODUCTS.map((p) => ({ id: `cosm_${p.handle}`, handle: p.handle })),
  }
}

describe("wantedTranslations", () => {
  const rows = wantedTranslations(seededCatalogue())
  const of = (referenceId: string) => rows.find((r) => r.reference_id === referenceId)

  it("translates every seeded entity into en-GB, once each", () => {
    const ids = rows.map((r) => r.reference_id)
    const variants = PRODUCTS.flatMap((p) => p.variants).length
    expect(new Set(ids).size).toBe(ids.length)
    expect(rows.every((r) => r.locale_code === "en-GB")).toBe(true)
    expect(ids.length).toBe(
      PRODUCTS.length * 2 + // product and its one option
        variants * 2 + // variant and its option value
        CATEGORIES.length +
        COLLECTIONS.length +
        SHIPPING_OPTIONS.length * 2 +
        RETURN_REASONS.length +
        PRODUCTS.length // cosmetics data
    )
  })

  it("gives a product its English title, subtitle and description under the Translation Module's entity type", () => {
    expect(of("prod_hyaluron-serum")).toEqual({
      reference: "product",
      reference_id: "prod_hyaluron-serum",
      locale_code: "en-GB",
      translations: {
        title: "Hyaluronic Serum",
        subtitle: "Hydrating serum with hyaluronic acid",
        description: "Light serum with hyaluronic acid and niacinamide that gives the skin moisture and fullness.",
      },
    })
  })

  it("translates option titles and the values and variant titles that differ in English", () => {
    expect(of("opt_satin-lipstick")).toMatchObject({ reference: "product_option", translations: { title: "Shade" } })
    expect(of("opt_hand-cream")).toMatchObject({ translations: { title: "Size" } })
    expect(of("optval_MAKEUP-LIPSTICK-RED")).toMatchObject({
      reference: "product_option_value",
      translations: { value: "Classic red" },
    })
    expect(of("variant_MAKEUP-LIPSTICK-RED")).toMatchObject({
      reference: "product_variant",
      translations: { title: "Classic red" },
    })
    expect(of("variant_BODY-HANDCREAM-30")).toMatchObject({ translations: { title: "30 ml" } })
  })

  it("translates categories, collections, shipping options in every zone and return reasons", () => {
    expect(of("pcat_skincare")).toMatchObject({
      reference: "product_category",
      translations: { name: "Skincare", description: "Serums, cleansers and creams for the face" },
    })
    expect(of("pcol_new-arrivals")).toMatchObject({
      reference: "product_collection",
      translations: { title: "New arrivals" },
    })
    expect([of("so_dk_express"), of("so_eu_express")]).toEqual([
      expect.objectContaining({ reference: "shipping_option", translations: { name: "Express delivery" } }),
      expect.objectContaining({ reference: "shipping_option", translations: { name: "Express delivery" } }),
    ])
    expect(of("rr_unopened")).toMatchObject({
      reference: "return_reason",
      translations: { label: "Unopened item", description: "The item is sealed and in its original packaging" },
    })
  })

  it("translates the cosmetics data's function, and its precautions where the product has any", () => {
    expect(of("cosm_hyaluron-serum")).toEqual({
      reference: "cosmetic_label",
      reference_id: "cosm_hyaluron-serum",
      locale_code: "en-GB",
      translations: { product_function: "Hydrating facial serum", precautions: "Avoid contact with the eyes." },
    })
    expect(of("cosm_hand-cream")?.translations).toEqual({ product_function: "Hand cream" })
  })

  it("leaves alone what the catalogue does not know: a product staff added, another option", () => {
    const ids = seededCatalogue()
    ids.products.push({ id: "prod_staff", handle: "staff-product", options: [], variants: [] })
    ids.products[0].options.push({ id: "opt_other", title: "Duft", values: [{ id: "optval_other", value: "Rose" }] })
    const extra = wantedTranslations(ids).filter((r) =>
      ["prod_staff", "opt_other", "optval_other"].includes(r.reference_id)
    )
    expect(extra).toEqual([])
  })
})

describe("the catalogue's English texts", () => {
  it("differ from the Danish ones for every product title or description", () => {
    const untranslated = PRODUCTS.filter((p) => p.en.description === p.description).map((p) => p.handle)
    expect(untranslated).toEqual([])
  })
})
