/**
 * The beauty shop's demo catalogue: regions, shipping, categories and
 * collections that `ensureCatalogue` (./catalogue/index.ts) creates. Pure
 * data, no Medusa calls.
 * The products are in ./catalogue/product-data.ts.
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
  /** The name in English (locale en-GB). */
  en: string
  code: string
  description: { da: string; en: string }
  prices: { dkk: number; eur: number }
}

/** Created once per service zone. */
export const SHIPPING_OPTIONS: readonly ShippingOptionData[] = [
  {
    name: "Standard",
    en: "Standard delivery",
    code: "standard",
    description: { da: "2-4 hverdage", en: "2-4 business days" },
    prices: { dkk: 49, eur: 6.95 },
  },
  {
    name: "Express",
    en: "Express delivery",
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
  en: { name: string; description: string }
}

export const CATEGORIES: readonly CategoryData[] = [
  {
    name: "Hudpleje",
    handle: "skincare",
    description: "Serum, rens og cremer til ansigtet",
    en: { name: "Skincare", description: "Serums, cleansers and creams for the face" },
  },
  {
    name: "Makeup",
    handle: "makeup",
    description: "Læbestift, mascara og foundation",
    en: { name: "Make-up", description: "Lipstick, mascara and foundation" },
  },
  {
    name: "Hår",
    handle: "hair",
    description: "Shampoo, balsam og hårolie",
    en: { name: "Hair", description: "Shampoo, conditioner and hair oil" },
  },
  {
    name: "Krop",
    handle: "body",
    description: "Bodylotion og håndcreme",
    en: { name: "Body", description: "Body lotion and hand cream" },
  },
]

export interface CollectionData {
  title: string
  /** The title in English (locale en-GB). */
  en: string
  handle: string
  /** Handles of products in ./catalogue/product-data.ts; a product belongs to one collection at most. */
  products: readonly string[]
}

/** The storefront home page's product rows. */
export const COLLECTIONS: readonly CollectionData[] = [
  {
    title: "Nyheder",
    en: "New arrivals",
    handle: "new-arrivals",
    products: ["day-cream-spf30", "eye-cream", "light-foundation", "argan-hair-oil"],
  },
  {
    title: "Bestsellere",
    en: "Bestsellers",
    handle: "bestsellers",
    products: ["hyaluron-serum", "satin-lipstick", "volume-mascara", "hand-cream"],
  },
]

export { PRODUCTS, type ProductData, type VariantData } from "./catalogue/product-data"

export interface ReturnReasonData {
  /** Stable code, how the shop finds the reason again. */
  value: string
  label: string
  description: string
  en: { label: string; description: string }
}

/**
 * The reasons a customer picks when returning goods. "unopened" is the one
 * the right of withdrawal turns on for cosmetics: sealed goods may be
 * returned, goods unsealed after delivery need not be taken back.
 */
export const RETURN_REASONS: readonly ReturnReasonData[] = [
  {
    value: "unopened",
    label: "Uåbnet vare",
    description: "Varen er ubrudt og i original emballage",
    en: { label: "Unopened item", description: "The item is sealed and in its original packaging" },
  },
  {
    value: "changed-mind",
    label: "Fortrudt køb",
    description: "Jeg ønsker ikke længere varen",
    en: { label: "Changed my mind", description: "I no longer want the item" },
  },
  {
    value: "damaged",
    label: "Beskadiget ved levering",
    description: "Varen eller emballagen var beskadiget, da den kom",
    en: { label: "Damaged on delivery", description: "The item or its packaging was damaged when it arrived" },
  },
  {
    value: "wrong-item",
    label: "Forkert vare",
    description: "Jeg har modtaget en anden vare end den, jeg bestilte",
    en: { label: "Wrong item", description: "I received a different item from the one I ordered" },
  },
]
