/**
 * The beauty shop's demo products, with their variants, DKK and EUR prices
 * (major units, including VAT) and images. Pure data, no Medusa calls;
 * ../catalogue-data.ts re-exports them with the rest of the catalogue.
 *
 * Images are file names in ./images/, drawn by
 * scripts/make-product-images.mjs; ./images.ts uploads them through the
 * File Module.
 */
import type { CategoryHandle } from "../catalogue-data"

export interface VariantData {
  /** The option value, e.g. "30 ml" or "Klassisk rød"; also the variant's title. */
  value: string
  /** The value in English, where it differs ("Classic red"); sizes read the same. */
  en?: string
  sku: string
  prices: { dkk: number; eur: number }
}

export interface ProductData {
  title: string
  handle: string
  subtitle: string
  description: string
  /** The same texts in English, written as translations (locale en-GB) by ../translations.ts. */
  en: { title: string; subtitle: string; description: string }
  category: CategoryHandle
  /** The one product option, "Størrelse" (size) or "Nuance" (shade); English in OPTION_TITLES_EN. */
  option: "Størrelse" | "Nuance"
  variants: readonly VariantData[]
  /** Files in ./images/; the first is the thumbnail. */
  images: readonly string[]
}

/** The options' titles in English. */
export const OPTION_TITLES_EN: Readonly<Record<ProductData["option"], string>> = {
  Størrelse: "Size",
  Nuance: "Shade",
}

export const PRODUCTS: readonly ProductData[] = [
  {
    title: "Hyaluron Serum",
    handle: "hyaluron-serum",
    subtitle: "Fugtgivende serum med hyaluronsyre",
    description: "Let serum med hyaluronsyre og niacinamid, der giver huden fugt og fylde.",
    en: {
      title: "Hyaluronic Serum",
      subtitle: "Hydrating serum with hyaluronic acid",
      description: "Light serum with hyaluronic acid and niacinamide that gives the skin moisture and fullness.",
    },
    category: "skincare",
    option: "Størrelse",
    variants: [
      { value: "30 ml", sku: "SKIN-SERUM-30", prices: { dkk: 249, eur: 32.95 } },
      { value: "50 ml", sku: "SKIN-SERUM-50", prices: { dkk: 349, eur: 46.95 } },
    ],
    images: ["hyaluron-serum.png"],
  },
  {
    title: "Mild Rensegel",
    handle: "mild-cleanser",
    subtitle: "Skånsom daglig ansigtsrens",
    description: "Parfumefri rensegel, der fjerner makeup og urenheder uden at udtørre huden.",
    en: {
      title: "Gentle Cleansing Gel",
      subtitle: "Mild everyday facial cleanser",
      description: "Fragrance-free cleansing gel that removes make-up and impurities without drying the skin.",
    },
    category: "skincare",
    option: "Størrelse",
    variants: [
      { value: "150 ml", sku: "SKIN-CLEANSER-150", prices: { dkk: 149, eur: 19.95 } },
      { value: "300 ml", sku: "SKIN-CLEANSER-300", prices: { dkk: 229, eur: 29.95 } },
    ],
    images: ["mild-cleanser.png"],
  },
  {
    title: "Dagcreme SPF 30",
    handle: "day-cream-spf30",
    subtitle: "Fugtighedscreme med solbeskyttelse",
    description: "Let dagcreme med SPF 30, der beskytter og plejer huden hele dagen.",
    en: {
      title: "Day Cream SPF 30",
      subtitle: "Moisturiser with sun protection",
      description: "Light day cream with SPF 30 that protects and cares for the skin all day.",
    },
    category: "skincare",
    option: "Størrelse",
    variants: [{ value: "50 ml", sku: "SKIN-DAYCREAM-50", prices: { dkk: 299, eur: 39.95 } }],
    images: ["day-cream-spf30.png"],
  },
  {
    title: "Øjencreme",
    handle: "eye-cream",
    subtitle: "Opstrammende creme til øjenpartiet",
    description: "Nærende øjencreme med koffein og peptider, der mindsker hævelser og mørke rande.",
    en: {
      title: "Eye Cream",
      subtitle: "Firming cream for the eye area",
      description: "Nourishing eye cream with caffeine and peptides that reduces puffiness and dark circles.",
    },
    category: "skincare",
    option: "Størrelse",
    variants: [{ value: "15 ml", sku: "SKIN-EYECREAM-15", prices: { dkk: 279, eur: 36.95 } }],
    images: ["eye-cream.png"],
  },
  {
    title: "Satin Læbestift",
    handle: "satin-lipstick",
    subtitle: "Cremet læbestift med satinfinish",
    description: "Langtidsholdbar læbestift med sheasmør, der plejer læberne.",
    en: {
      title: "Satin Lipstick",
      subtitle: "Creamy lipstick with a satin finish",
      description: "Long-lasting lipstick with shea butter that cares for the lips.",
    },
    category: "makeup",
    option: "Nuance",
    variants: [
      { value: "Rosewood", sku: "MAKEUP-LIPSTICK-ROSEWOOD", prices: { dkk: 179, eur: 23.95 } },
      { value: "Klassisk rød", en: "Classic red", sku: "MAKEUP-LIPSTICK-RED", prices: { dkk: 179, eur: 23.95 } },
      { value: "Nude", sku: "MAKEUP-LIPSTICK-NUDE", prices: { dkk: 179, eur: 23.95 } },
    ],
    images: ["satin-lipstick.png"],
  },
  {
    title: "Volumen Mascara",
    handle: "volume-mascara",
    subtitle: "Mascara for fylde og længde",
    description: "Klumpfri mascara, der giver vipperne volumen hele dagen.",
    en: {
      title: "Volume Mascara",
      subtitle: "Mascara for fullness and length",
      description: "Clump-free mascara that gives the lashes volume all day.",
    },
    category: "makeup",
    option: "Nuance",
    variants: [
      { value: "Sort", en: "Black", sku: "MAKEUP-MASCARA-BLACK", prices: { dkk: 159, eur: 20.95 } },
      { value: "Brun", en: "Brown", sku: "MAKEUP-MASCARA-BROWN", prices: { dkk: 159, eur: 20.95 } },
    ],
    images: ["volume-mascara.png"],
  },
  {
    title: "Let Foundation",
    handle: "light-foundation",
    subtitle: "Naturlig dækning med let finish",
    description: "Let og bygbar foundation, der udjævner hudtonen og lader huden ånde.",
    en: {
      title: "Light Foundation",
      subtitle: "Natural coverage with a light finish",
      description: "Light, buildable foundation that evens out the skin tone and lets the skin breathe.",
    },
    category: "makeup",
    option: "Nuance",
    variants: [
      { value: "Lys", en: "Light", sku: "MAKEUP-FOUNDATION-LIGHT", prices: { dkk: 269, eur: 35.95 } },
      { value: "Medium", sku: "MAKEUP-FOUNDATION-MEDIUM", prices: { dkk: 269, eur: 35.95 } },
      { value: "Mørk", en: "Dark", sku: "MAKEUP-FOUNDATION-DARK", prices: { dkk: 269, eur: 35.95 } },
    ],
    images: ["light-foundation.png"],
  },
  {
    title: "Fugtgivende Shampoo",
    handle: "moisturizing-shampoo",
    subtitle: "Shampoo til tørt og normalt hår",
    description: "Sulfatfri shampoo med arganolie, der renser nænsomt og giver glans.",
    en: {
      title: "Moisturising Shampoo",
      subtitle: "Shampoo for dry and normal hair",
      description: "Sulphate-free shampoo with argan oil that cleanses gently and adds shine.",
    },
    category: "hair",
    option: "Størrelse",
    variants: [
      { value: "250 ml", sku: "HAIR-SHAMPOO-250", prices: { dkk: 139, eur: 18.95 } },
      { value: "500 ml", sku: "HAIR-SHAMPOO-500", prices: { dkk: 219, eur: 28.95 } },
    ],
    images: ["moisturizing-shampoo.png"],
  },
  {
    title: "Plejende Balsam",
    handle: "nourishing-conditioner",
    subtitle: "Balsam der gør håret blødt og let at rede",
    description: "Let balsam med havreprotein, der plejer håret uden at tynge det.",
    en: {
      title: "Nourishing Conditioner",
      subtitle: "Conditioner that leaves hair soft and easy to comb",
      description: "Light conditioner with oat protein that cares for the hair without weighing it down.",
    },
    category: "hair",
    option: "Størrelse",
    variants: [
      { value: "250 ml", sku: "HAIR-CONDITIONER-250", prices: { dkk: 149, eur: 19.95 } },
      { value: "500 ml", sku: "HAIR-CONDITIONER-500", prices: { dkk: 229, eur: 29.95 } },
    ],
    images: ["nourishing-conditioner.png"],
  },
  {
    title: "Arganolie til Håret",
    handle: "argan-hair-oil",
    subtitle: "Hårolie mod spaltede spidser",
    description: "Let hårolie med ren arganolie, der tæmmer krus og beskytter mod varme.",
    en: {
      title: "Argan Hair Oil",
      subtitle: "Hair oil against split ends",
      description: "Light hair oil with pure argan oil that tames frizz and protects against heat.",
    },
    category: "hair",
    option: "Størrelse",
    variants: [{ value: "100 ml", sku: "HAIR-OIL-100", prices: { dkk: 199, eur: 26.95 } }],
    images: ["argan-hair-oil.png"],
  },
  {
    title: "Bodylotion med Sheasmør",
    handle: "shea-body-lotion",
    subtitle: "Rig bodylotion til tør hud",
    description: "Hurtigt absorberende bodylotion med sheasmør og mandelolie.",
    en: {
      title: "Shea Butter Body Lotion",
      subtitle: "Rich body lotion for dry skin",
      description: "Fast-absorbing body lotion with shea butter and almond oil.",
    },
    category: "body",
    option: "Størrelse",
    variants: [
      { value: "200 ml", sku: "BODY-LOTION-200", prices: { dkk: 169, eur: 22.95 } },
      { value: "400 ml", sku: "BODY-LOTION-400", prices: { dkk: 259, eur: 34.95 } },
    ],
    images: ["shea-body-lotion.png"],
  },
  {
    title: "Håndcreme",
    handle: "hand-cream",
    subtitle: "Nærende håndcreme til hver dag",
    description: "Fedtfri håndcreme med glycerin og aloe vera, der trænger hurtigt ind.",
    en: {
      title: "Hand Cream",
      subtitle: "Nourishing hand cream for every day",
      description: "Non-greasy hand cream with glycerin and aloe vera that absorbs quickly.",
    },
    category: "body",
    option: "Størrelse",
    variants: [
      { value: "30 ml", sku: "BODY-HANDCREAM-30", prices: { dkk: 79, eur: 10.95 } },
      { value: "75 ml", sku: "BODY-HANDCREAM-75", prices: { dkk: 129, eur: 16.95 } },
    ],
    images: ["hand-cream.png"],
  },
]
