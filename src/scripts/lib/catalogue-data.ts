/**
 * The beauty shop's demo catalogue: regions, shipping and products that
 * `ensureCatalogue` (./catalogue.ts) creates. Pure data, no Medusa calls.
 *
 * Prices are in major units, as Medusa 2 stores them: 249 is 249 DKK,
 * 32.95 is EUR 32.95.
 */

/** Countries of the "EU" region (Denmark is in the "Danmark" region). */
export const EU_REGION = {
  name: "EU",
  currency_code: "eur",
  countries: ["de", "se", "fr", "nl", "es", "it"],
  payment_providers: ["pp_system_default"],
} as const

export const DENMARK_COUNTRIES = ["dk"] as const

export const TAX_PROVIDER_ID = "tp_system"

/**
 * Standard VAT rates (percent) of the shop's countries: Danish moms for
 * Denmark, and the destination country's rate for EU consumers (the EU's
 * one-stop-shop rules for distance sales above EUR 10,000 a year).
 */
export const VAT_RATES: Readonly<Record<string, number>> = {
  dk: 25,
  de: 19,
  se: 25,
  fr: 20,
  nl: 21,
  es: 21,
  it: 22,
}

/**
 * Prices include VAT in both currencies: Danish law requires consumer prices
 * to be shown with moms, so 249 DKK is what the customer pays, and the order
 * shows the moms it contains.
 */
export const TAX_INCLUSIVE_CURRENCIES = ["dkk", "eur"] as const

export const WAREHOUSE = {
  name: "Copenhagen warehouse",
  address: { address_1: "Lagervej 1", city: "Copenhagen", country_code: "DK" },
} as const

export const FULFILLMENT_SET_NAME = "Copenhagen warehouse delivery"
export const FULFILLMENT_PROVIDER_ID = "manual_manual"
export const DEFAULT_SHIPPING_PROFILE_NAME = "Default Shipping Profile"
export const STOCKED_QUANTITY = 100

export interface ServiceZoneData {
  name: string
  countries: readonly string[]
  /** Language of the shipping options' descriptions in this zone. */
  lang: "da" | "en"
}

export const SERVICE_ZONES: readonly ServiceZoneData[] = [
  { name: "Danmark", countries: DENMARK_COUNTRIES, lang: "da" },
  { name: "EU", countries: EU_REGION.countries, lang: "en" },
]

export interface ShippingOptionData {
  name: string
  code: string
  description: { da: string; en: string }
  prices: { dkk: number; eur: number }
}

/** Created once per service zone. */
export const SHIPPING_OPTIONS: readonly ShippingOptionData[] = [
  {
    name: "Standard",
    code: "standard",
    description: { da: "2-4 hverdage", en: "2-4 business days" },
    prices: { dkk: 49, eur: 6.95 },
  },
  {
    name: "Express",
    code: "express",
    description: { da: "1-2 hverdage", en: "1-2 business days" },
    prices: { dkk: 99, eur: 14.95 },
  },
]

export type CategoryHandle = "skincare" | "makeup" | "hair" | "body"

export interface CategoryData {
  name: string
  handle: CategoryHandle
  description: string
}

export const CATEGORIES: readonly CategoryData[] = [
  { name: "Hudpleje", handle: "skincare", description: "Serum, rens og cremer til ansigtet" },
  { name: "Makeup", handle: "makeup", description: "Læbestift, mascara og foundation" },
  { name: "Hår", handle: "hair", description: "Shampoo, balsam og hårolie" },
  { name: "Krop", handle: "body", description: "Bodylotion og håndcreme" },
]

export interface VariantData {
  /** The option value, e.g. "30 ml" or "Rosewood". */
  value: string
  sku: string
  prices: { dkk: number; eur: number }
}

export interface ProductData {
  title: string
  handle: string
  subtitle: string
  description: string
  category: CategoryHandle
  /** The one product option, e.g. "Størrelse" (size) or "Nuance" (shade). */
  option: "Størrelse" | "Nuance"
  variants: readonly VariantData[]
  images: readonly string[]
}

const img = (photo: string) => `https://images.unsplash.com/${photo}?auto=format&fit=crop&w=1200&q=80`

export const PRODUCTS: readonly ProductData[] = [
  {
    title: "Hyaluron Serum",
    handle: "hyaluron-serum",
    subtitle: "Fugtgivende serum med hyaluronsyre",
    description: "Let serum med hyaluronsyre og niacinamid, der giver huden fugt og fylde.",
    category: "skincare",
    option: "Størrelse",
    variants: [
      { value: "30 ml", sku: "SKIN-SERUM-30", prices: { dkk: 249, eur: 32.95 } },
      { value: "50 ml", sku: "SKIN-SERUM-50", prices: { dkk: 349, eur: 46.95 } },
    ],
    images: [img("photo-1620916566398-39f1143ab7be")],
  },
  {
    title: "Mild Rensegel",
    handle: "mild-cleanser",
    subtitle: "Skånsom daglig ansigtsrens",
    description: "Parfumefri rensegel, der fjerner makeup og urenheder uden at udtørre huden.",
    category: "skincare",
    option: "Størrelse",
    variants: [
      { value: "150 ml", sku: "SKIN-CLEANSER-150", prices: { dkk: 149, eur: 19.95 } },
      { value: "300 ml", sku: "SKIN-CLEANSER-300", prices: { dkk: 229, eur: 29.95 } },
    ],
    images: [img("photo-1556228578-8c89e6adf883")],
  },
  {
    title: "Dagcreme SPF 30",
    handle: "day-cream-spf30",
    subtitle: "Fugtighedscreme med solbeskyttelse",
    description: "Let dagcreme med SPF 30, der beskytter og plejer huden hele dagen.",
    category: "skincare",
    option: "Størrelse",
    variants: [{ value: "50 ml", sku: "SKIN-DAYCREAM-50", prices: { dkk: 299, eur: 39.95 } }],
    images: [img("photo-1570194065650-d99fb4bedf0a")],
  },
  {
    title: "Øjencreme",
    handle: "eye-cream",
    subtitle: "Opstrammende creme til øjenpartiet",
    description: "Nærende øjencreme med koffein og peptider, der mindsker hævelser og mørke rande.",
    category: "skincare",
    option: "Størrelse",
    variants: [{ value: "15 ml", sku: "SKIN-EYECREAM-15", prices: { dkk: 279, eur: 36.95 } }],
    images: [img("photo-1571781926291-c477ebfd024b")],
  },
  {
    title: "Satin Læbestift",
    handle: "satin-lipstick",
    subtitle: "Cremet læbestift med satinfinish",
    description: "Langtidsholdbar læbestift med sheasmør, der plejer læberne.",
    category: "makeup",
    option: "Nuance",
    variants: [
      { value: "Rosewood", sku: "MAKEUP-LIPSTICK-ROSEWOOD", prices: { dkk: 179, eur: 23.95 } },
      { value: "Klassisk rød", sku: "MAKEUP-LIPSTICK-RED", prices: { dkk: 179, eur: 23.95 } },
      { value: "Nude", sku: "MAKEUP-LIPSTICK-NUDE", prices: { dkk: 179, eur: 23.95 } },
    ],
    images: [img("photo-1586495777744-4413f21062fa")],
  },
  {
    title: "Volumen Mascara",
    handle: "volume-mascara",
    subtitle: "Mascara for fylde og længde",
    description: "Klumpfri mascara, der giver vipperne volumen hele dagen.",
    category: "makeup",
    option: "Nuance",
    variants: [
      { value: "Sort", sku: "MAKEUP-MASCARA-BLACK", prices: { dkk: 159, eur: 20.95 } },
      { value: "Brun", sku: "MAKEUP-MASCARA-BROWN", prices: { dkk: 159, eur: 20.95 } },
    ],
    images: [img("photo-1631214540242-3cd8c4b0b3b8")],
  },
  {
    title: "Let Foundation",
    handle: "light-foundation",
    subtitle: "Naturlig dækning med let finish",
    description: "Let og bygbar foundation, der udjævner hudtonen og lader huden ånde.",
    category: "makeup",
    option: "Nuance",
    variants: [
      { value: "Lys", sku: "MAKEUP-FOUNDATION-LIGHT", prices: { dkk: 269, eur: 35.95 } },
      { value: "Medium", sku: "MAKEUP-FOUNDATION-MEDIUM", prices: { dkk: 269, eur: 35.95 } },
      { value: "Mørk", sku: "MAKEUP-FOUNDATION-DARK", prices: { dkk: 269, eur: 35.95 } },
    ],
    images: [img("photo-1631730486572-226d1f1a2d5f")],
  },
  {
    title: "Fugtgivende Shampoo",
    handle: "moisturizing-shampoo",
    subtitle: "Shampoo til tørt og normalt hår",
    description: "Sulfatfri shampoo med arganolie, der renser nænsomt og giver glans.",
    category: "hair",
    option: "Størrelse",
    variants: [
      { value: "250 ml", sku: "HAIR-SHAMPOO-250", prices: { dkk: 139, eur: 18.95 } },
      { value: "500 ml", sku: "HAIR-SHAMPOO-500", prices: { dkk: 219, eur: 28.95 } },
    ],
    images: [img("photo-1535585209827-a15fcdbc4c2d")],
  },
  {
    title: "Plejende Balsam",
    handle: "nourishing-conditioner",
    subtitle: "Balsam der gør håret blødt og let at rede",
    description: "Let balsam med havreprotein, der plejer håret uden at tynge det.",
    category: "hair",
    option: "Størrelse",
    variants: [
      { value: "250 ml", sku: "HAIR-CONDITIONER-250", prices: { dkk: 149, eur: 19.95 } },
      { value: "500 ml", sku: "HAIR-CONDITIONER-500", prices: { dkk: 229, eur: 29.95 } },
    ],
    images: [img("photo-1526947425960-945c6e72858f")],
  },
  {
    title: "Arganolie til Håret",
    handle: "argan-hair-oil",
    subtitle: "Hårolie mod spaltede spidser",
    description: "Let hårolie med ren arganolie, der tæmmer krus og beskytter mod varme.",
    category: "hair",
    option: "Størrelse",
    variants: [{ value: "100 ml", sku: "HAIR-OIL-100", prices: { dkk: 199, eur: 26.95 } }],
    images: [img("photo-1608248597279-f99d160bfcbc")],
  },
  {
    title: "Bodylotion med Sheasmør",
    handle: "shea-body-lotion",
    subtitle: "Rig bodylotion til tør hud",
    description: "Hurtigt absorberende bodylotion med sheasmør og mandelolie.",
    category: "body",
    option: "Størrelse",
    variants: [
      { value: "200 ml", sku: "BODY-LOTION-200", prices: { dkk: 169, eur: 22.95 } },
      { value: "400 ml", sku: "BODY-LOTION-400", prices: { dkk: 259, eur: 34.95 } },
    ],
    images: [img("photo-1608571423902-eed4a5ad8108")],
  },
  {
    title: "Håndcreme",
    handle: "hand-cream",
    subtitle: "Nærende håndcreme til hver dag",
    description: "Fedtfri håndcreme med glycerin og aloe vera, der trænger hurtigt ind.",
    category: "body",
    option: "Størrelse",
    variants: [
      { value: "30 ml", sku: "BODY-HANDCREAM-30", prices: { dkk: 79, eur: 10.95 } },
      { value: "75 ml", sku: "BODY-HANDCREAM-75", prices: { dkk: 129, eur: 16.95 } },
    ],
    images: [img("photo-1598440947619-2c35fc9aa908")],
  },
]
