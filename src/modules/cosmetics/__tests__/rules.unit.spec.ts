import { cosmeticsProblems, missingForPublication, type CosmeticsInput } from "../rules"

const serum: CosmeticsInput = {
  ingredients: ["AQUA", "GLYCERIN", "NIACINAMIDE", "SODIUM HYALURONATE", "1,2-HEXANEDIOL", "CI 77491"],
  pao_months: 12,
  durability_date: null,
  nominal_content_amount: 30,
  nominal_content_unit: "ml",
  responsible_person_name: "Beauty Shop ApS",
  responsible_person_address: "Vesterbrogade 1, 1620 København V",
  responsible_person_country: "dk",
  precautions: "Undgå kontakt med øjnene.",
  product_function: "Fugtgivende serum til ansigtet",
}

describe("cosmeticsProblems", () => {
  it("accepts a complete serum with real INCI names", () => {
    expect(cosmeticsProblems(serum)).toEqual([])
  })

  it.each([
    "BUTYROSPERMUM PARKII (SHEA) BUTTER",
    "PEG-40 HYDROGENATED CASTOR OIL",
    "SODIUM C12-13 PARETH SULFATE",
    "[+/- CI 77491]",
    "parfum",
  ])("accepts the INCI name %p", (name) => {
    expect(cosmeticsProblems({ ...serum, ingredients: [name] })).toEqual([])
  })

  it.each([
    ["<script>alert(1)</script>", /is not an INCI name/],
    ["Hyaluronsyre æøå", /is not an INCI name/],
    ["AQUA\u0000", /is not an INCI name/],
    ["  ", /name 1 is empty/],
    ["A".repeat(121), /longer than 120 characters/],
  ])("refuses the ingredient %p", (name, message) => {
    expect(cosmeticsProblems({ ...serum, ingredients: [name] })).toEqual([expect.stringMatching(message)])
  })

  it("refuses an empty list and a name listed twice", () => {
    expect(cosmeticsProblems({ ...serum, ingredients: [] })).toEqual([
      "ingredients: list at least one INCI name, in label order",
    ])
    expect(cosmeticsProblems({ ...serum, ingredients: ["AQUA", "aqua "] })).toEqual([
      'ingredients: "AQUA" is listed twice',
    ])
  })

  it.each([0, 61, 6.5, -1])("refuses a period after opening of %p months", (months) => {
    expect(cosmeticsProblems({ ...serum, pao_months: months })).toEqual([
      `pao_months: a whole number of months from 1 to 60 (got ${months})`,
    ])
  })

  it("accepts 1 and 60 months, or a durability date instead", () => {
    expect(cosmeticsProblems({ ...serum, pao_months: 1 })).toEqual([])
    expect(cosmeticsProblems({ ...serum, pao_months: 60 })).toEqual([])
    expect(cosmeticsProblems({ ...serum, pao_months: null, durability_date: "2028-02-29" })).toEqual([])
  })

  it("needs one of the period after opening and the durability date, and a real date", () => {
    expect(cosmeticsProblems({ ...serum, pao_months: null })).toEqual([
      "pao_months or durability_date: give the period after opening or the minimum durability date",
    ])
    expect(cosmeticsProblems({ ...serum, durability_date: "2027-02-30" })).toEqual([
      'durability_date: a date as yyyy-mm-dd (got "2027-02-30")',
    ])
  })

  it.each([0, -5, Number.NaN])("refuses a nominal content of %p", (amount) => {
    expect(cosmeticsProblems({ ...serum, nominal_content_amount: amount })).toEqual([
      `nominal_content_amount: more than 0 (got ${amount})`,
    ])
  })

  it("refuses a unit other than ml or g and a responsible person outside the EU", () => {
    expect(cosmeticsProblems({ ...serum, nominal_content_unit: "oz" as "ml" })).toEqual([
      'nominal_content_unit: ml or g (got "oz")',
    ])
    expect(cosmeticsProblems({ ...serum, responsible_person_country: "gb" })).toEqual([
      'responsible_person_country: the EU member state where the responsible person is established, as a two-letter code (got "gb")',
    ])
  })

  it("names every problem at once, in field order", () => {
    const problems = cosmeticsProblems({
      ...serum,
      ingredients: [],
      pao_months: 0,
      nominal_content_amount: 0,
      responsible_person_name: " ",
    })
    expect(problems.map((p) => p.split(":")[0])).toEqual([
      "ingredients",
      "pao_months",
      "nominal_content_amount",
      "responsible_person_name",
    ])
  })
})

describe("missingForPublication", () => {
  it("is empty for a product with ingredients, content and a period after opening or durability date", () => {
    expect(missingForPublication({ ingredients: ["AQUA"], nominal_content_amount: 30, pao_months: 12 })).toEqual([])
    expect(
      missingForPublication({ ingredients: ["AQUA"], nominal_content_amount: 30, durability_date: "2027-01-01" })
    ).toEqual([])
  })

  it("names everything a product without cosmetics data lacks", () => {
    expect(missingForPublication(undefined)).toEqual([
      "ingredients",
      "nominal content",
      "period after opening or durability date",
    ])
  })

  it("names only what is missing", () => {
    expect(missingForPublication({ ingredients: [], nominal_content_amount: 30, pao_months: 6 })).toEqual([
      "ingredients",
    ])
  })
})
