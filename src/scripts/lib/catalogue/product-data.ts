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
  /** Files in ./images/; the first is the thumbnail. */
  images: readonly string[]
}

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
    images: ["hyaluron-serum.png"],
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
    images: ["mild-cleanser.png"],
  },
  {
    title: "Dagcreme SPF 30",
    handle: "day-cream-spf30",
    subtitle: "Fugtighedscreme med solbeskyttelse",
    description: "Let dagcreme med SPF 30, der beskytter og plejer huden hele dagen.",
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
    category: "makeup",
    option: "Nuance",
    variants: [
      { value: "Rosewood", sku: "MAKEUP-LIPSTICK-ROSEWOOD", prices: { dkk: 179, eur: 23.95 } },
      { value: "Klassisk rød", sku: "MAKEUP-LIPSTICK-RED", prices: { dkk: 179, eur: 23.95 } },
      { value: "Nude", sku: "MAKEUP-LIPSTICK-NUDE", prices: { dkk: 179, eur: 23.95 } },
    ],
    images: ["satin-lipstick.png"],
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
    images: ["volume-mascara.png"],
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
    images: ["light-foundation.png"],
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
    images: ["moisturizing-shampoo.png"],
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
    images: ["nourishing-conditioner.png"],
  },
  {
    title: "Arganolie til Håret",
    handle: "argan-hair-oil",
    subtitle: "Hårolie mod spaltede spidser",
    description: "Let hårolie med ren arganolie, der tæmmer krus og beskytter mod varme.",
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
    category: "body",
    option: "Størrelse",
    variants: [
      { value: "30 ml", sku: "BODY-HANDCREAM-30", prices: { dkk: 79, eur: 10.95 } },
      { value: "75 ml", sku: "BODY-HANDCREAM-75", prices: { dkk: 129, eur: 16.95 } },
    ],
    images: ["hand-cream.png"],
  },
]
