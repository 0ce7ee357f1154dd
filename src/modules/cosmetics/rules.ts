/**
 * The rules for a product's cosmetics data (EU Cosmetics Regulation
 * 1223/2009 art. 19), as pure functions: what staff may save, and what a
 * product needs before it may be published. Each problem is one sentence
 * naming the field, so the admin and the Admin API can show it as it is.
 */

/** EU member states, where the responsible person must be established (art. 4). */
export const EU_COUNTRIES = [
  "at",
  "be",
  "bg",
  "hr",
  "cy",
  "cz",
  "dk",
  "ee",
  "fi",
  "fr",
  "de",
  "gr",
  "hu",
  "ie",
  "it",
  "lv",
  "lt",
  "lu",
  "mt",
  "nl",
  "pl",
  "pt",
  "ro",
  "sk",
  "si",
  "es",
  "se",
] as const

export const CONTENT_UNITS = ["ml", "g"] as const
export type ContentUnit = (typeof CONTENT_UNITS)[number]

/** The largest period after opening the symbol shows in practice: five years. */
export const MAX_PAO_MONTHS = 60
export const MAX_INGREDIENTS = 150
const MAX_INCI_LENGTH = 120

/**
 * An INCI name: Latin letters, digits and the punctuation real names use
 * ("1,2-HEXANEDIOL", "CI 77491", "PEG-40 HYDROGENATED CASTOR OIL",
 * "BUTYROSPERMUM PARKII (SHEA) BUTTER", "ALPHA-ISOMETHYL IONONE",
 * "SODIUM C12-13 PARETH SULFATE", "[+/- CI 77491]"). No accents, no control characters, no
 * markup.
 */
const INCI_NAME = /^[A-Za-z0-9[][A-Za-z0-9 ,.\-/()'+&:[\]]*$/

/** What staff send for a product (the admin widget, POST /admin/products/:id/cosmetics). */
export interface CosmeticsInput {
  ingredients: string[]
  pao_months?: number | null
  /** yyyy-mm-dd */
  durability_date?: string | null
  nominal_content_amount: number
  nominal_content_unit: ContentUnit
  responsible_person_name: string
  responsible_person_address: string
  responsible_person_country: string
  precautions?: string | null
  product_function: string
}

/** Every problem with `input`, in field order; empty when it may be saved. */
export function cosmeticsProblems(input: CosmeticsInput): string[] {
  const problems: string[] = []
  const ingredients = input.ingredients ?? []
  if (!ingredients.length) {
    problems.push("ingredients: list at least one INCI name, in label order")
  }
  if (ingredients.length > MAX_INGREDIENTS) {
    problems.push(`ingredients: at most ${MAX_INGREDIENTS} names (got ${ingredients.length})`)
  }
  ingredients.forEach((name, index) => {
    const trimmed = typeof name === "string" ? name.trim() : ""
    if (!trimmed) {
      problems.push(`ingredients: name ${index + 1} is empty`)
    } else if (trimmed.length > MAX_INCI_LENGTH) {
      problems.push(`ingredients: name ${index + 1} is longer than ${MAX_INCI_LENGTH} characters`)
    } else if (!INCI_NAME.test(trimmed)) {
      problems.push(
        `ingredients: "${trimmed.slice(0, 40)}" is not an INCI name (Latin letters, digits, spaces and , . - / ( ) ' + & : [ ] only)`
      )
    }
  })
  const seen = new Set<string>()
  for (const name of ingredients.map((n) => (typeof n === "string" ? n.trim().toUpperCase() : ""))) {
    if (name && seen.has(name)) problems.push(`ingredients: "${name}" is listed twice`)
    seen.add(name)
  }
  const pao = input.pao_months
  if (pao != null && (!Number.isInteger(pao) || pao < 1 || pao > MAX_PAO_MONTHS)) {
    problems.push(`pao_months: a whole number of months from 1 to ${MAX_PAO_MONTHS} (got ${pao})`)
  }
  if (input.durability_date != null && !isCalendarDate(input.durability_date)) {
    problems.push(`durability_date: a date as yyyy-mm-dd (got "${String(input.durability_date).slice(0, 20)}")`)
  }
  if (pao == null && input.durability_date == null) {
    problems.push("pao_months or durability_date: give the period after opening or the minimum durability date")
  }
  const amount = input.nominal_content_amount
  if (typeof amount !== "number" || !Number.isFinite(amount) || amount <= 0 || amount > 100_000) {
    problems.push(`nominal_content_amount: more than 0 (got ${amount})`)
  }
  if (!CONTENT_UNITS.includes(input.nominal_content_unit)) {
    problems.push(`nominal_content_unit: ml or g (got "${String(input.nominal_content_unit).slice(0, 10)}")`)
  }
  for (const field of ["responsible_person_name", "responsible_person_address", "product_function"] as const) {
    const value = input[field]
    if (typeof value !== "string" || !value.trim()) problems.push(`${field}: required`)
    else if (value.length > 500) problems.push(`${field}: at most 500 characters`)
  }
  const country = String(input.responsible_person_country ?? "").toLowerCase()
  if (!(EU_COUNTRIES as readonly string[]).includes(country)) {
    problems.push(
      `responsible_person_country: the EU member state where the responsible person is established, as a two-letter code (got "${country.slice(0, 10)}")`
    )
  }
  if (input.precautions != null && input.precautions.length > 2000) {
    problems.push("precautions: at most 2000 characters")
  }
  return problems
}

function isCalendarDate(value: unknown): boolean {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
}

/** What a stored row holds of the publication requirements. */
export interface StoredCosmetics {
  ingredients?: string[] | null
  pao_months?: number | null
  durability_date?: Date | string | null
  nominal_content_amount?: number | null
}

/**
 * What a product lacks before it may be published: the ingredient list, the
 * nominal content, and the period after opening or the durability date.
 * Empty when it may be published.
 */
export function missingForPublication(cosmetics: StoredCosmetics | null | undefined): string[] {
  const missing: string[] = []
  if (!cosmetics?.ingredients?.length) missing.push("ingredients")
  if (!cosmetics?.nominal_content_amount) missing.push("nominal content")
  if (cosmetics?.pao_months == null && cosmetics?.durability_date == null) {
    missing.push("period after opening or durability date")
  }
  return missing
}
