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

export interface CosmeticsData {
  /** INCI names in label order. */
  ingredients: readonly string[]
  pao_months: number
  /** The content of the first (default) size; each size's own is its option value. */
  nominal_content: { amount: number; unit: "ml" | "g" }
  function: { da: string; en: string }
  precautions?: { da: string; en: string }
}

export interface ProductData {
  title: string
  handle: string
  subtitle: string
  description: string
  /** The same texts in English, written as translations (locale en-GB) by ../translations.ts. */
  en: { title: string; subtitle: string; description: string }
  /** The label's data (EU Cosmetics Regulation art. 19), saved by ./cosmetics.ts. */
  cosmetics: CosmeticsData
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
    cosmetics: {
      ingredients: [
        "AQUA",
        "GLYCERIN",
        "NIACINAMIDE",
        "PROPANEDIOL",
        "SODIUM HYALURONATE",
        "PANTHENOL",
        "1,2-HEXANEDIOL",
        "CAPRYLYL GLYCOL",
        "SODIUM PCA",
        "XANTHAN GUM",
        "CITRIC ACID",
      ],
      pao_months: 12,
      nominal_content: { amount: 30, unit: "ml" },
      function: { da: "Fugtgivende serum til ansigtet", en: "Hydrating facial serum" },
      precautions: { da: "Undgå kontakt med øjnene.", en: "Avoid contact with the eyes." },
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
    cosmetics: {
      ingredients: [
        "AQUA",
        "COCO-GLUCOSIDE",
        "GLYCERIN",
        "SODIUM COCOYL GLUTAMATE",
        "ALOE BARBADENSIS LEAF JUICE",
        "PANTHENOL",
        "SODIUM CHLORIDE",
        "CITRIC ACID",
        "SODIUM BENZOATE",
        "POTASSIUM SORBATE",
      ],
      pao_months: 12,
      nominal_content: { amount: 150, unit: "ml" },
      function: { da: "Rensegel til ansigtet", en: "Facial cleansing gel" },
      precautions: {
        da: "Skyl grundigt med vand ved kontakt med øjnene.",
        en: "Rinse thoroughly with water if the product gets into the eyes.",
      },
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
    cosmetics: {
      ingredients: [
        "AQUA",
        "ETHYLHEXYL METHOXYCINNAMATE",
        "GLYCERIN",
        "BUTYL METHOXYDIBENZOYLMETHANE",
        "CAPRYLIC/CAPRIC TRIGLYCERIDE",
        "CETEARYL ALCOHOL",
        "NIACINAMIDE",
        "TOCOPHERYL ACETATE",
        "GLYCERYL STEARATE",
        "PHENOXYETHANOL",
        "XANTHAN GUM",
        "PARFUM",
      ],
      pao_months: 12,
      nominal_content: { amount: 50, unit: "ml" },
      function: { da: "Dagcreme med solbeskyttelse (SPF 30)", en: "Day cream with sun protection (SPF 30)" },
      precautions: {
        da: "Påfør rigeligt før soleksponering. Undgå kontakt med øjnene.",
        en: "Apply generously before sun exposure. Avoid contact with the eyes.",
      },
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
    cosmetics: {
      ingredients: [
        "AQUA",
        "CAPRYLIC/CAPRIC TRIGLYCERIDE",
        "GLYCERIN",
        "CAFFEINE",
        "PALMITOYL TRIPEPTIDE-1",
        "BUTYROSPERMUM PARKII (SHEA) BUTTER",
        "CETEARYL ALCOHOL",
        "TOCOPHEROL",
        "PHENOXYETHANOL",
        "ETHYLHEXYLGLYCERIN",
      ],
      pao_months: 6,
      nominal_content: { amount: 15, unit: "ml" },
      function: { da: "Creme til øjenpartiet", en: "Eye-area cream" },
      precautions: {
        da: "Til udvortes brug. Undgå direkte kontakt med øjnene.",
        en: "For external use. Avoid direct contact with the eyes.",
      },
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
    cosmetics: {
      ingredients: [
        "RICINUS COMMUNIS (CASTOR) SEED OIL",
        "CERA ALBA",
        "BUTYROSPERMUM PARKII (SHEA) BUTTER",
        "OCTYLDODECANOL",
        "CANDELILLA CERA",
        "TOCOPHEROL",
        "CI 77491",
        "CI 77492",
        "CI 77891",
        "CI 15850",
      ],
      pao_months: 24,
      nominal_content: { amount: 4, unit: "g" },
      function: { da: "Læbestift", en: "Lipstick" },
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
    cosmetics: {
      ingredients: [
        "AQUA",
        "CERA ALBA",
        "STEARIC ACID",
        "COPERNICIA CERIFERA CERA",
        "ACACIA SENEGAL GUM",
        "GLYCERIN",
        "TRIETHANOLAMINE",
        "PHENOXYETHANOL",
        "ETHYLHEXYLGLYCERIN",
        "CI 77499",
      ],
      pao_months: 6,
      nominal_content: { amount: 10, unit: "ml" },
      function: { da: "Mascara", en: "Mascara" },
      precautions: {
        da: "Fjernes med makeupfjerner. Kontakt med øjnene: skyl straks med vand.",
        en: "Remove with make-up remover. Contact with the eyes: rinse at once with water.",
      },
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
    cosmetics: {
      ingredients: [
        "AQUA",
        "CYCLOPENTASILOXANE",
        "GLYCERIN",
        "TITANIUM DIOXIDE",
        "BUTYLENE GLYCOL",
        "DIMETHICONE",
        "SODIUM CHLORIDE",
        "PHENOXYETHANOL",
        "TOCOPHEROL",
        "CI 77491",
        "CI 77492",
        "CI 77499",
      ],
      pao_months: 12,
      nominal_content: { amount: 30, unit: "ml" },
      function: { da: "Flydende foundation", en: "Liquid foundation" },
      precautions: { da: "Undgå kontakt med øjnene.", en: "Avoid contact with the eyes." },
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
    cosmetics: {
      ingredients: [
        "AQUA",
        "SODIUM COCOYL ISETHIONATE",
        "COCAMIDOPROPYL BETAINE",
        "GLYCERIN",
        "ARGANIA SPINOSA KERNEL OIL",
        "PANTHENOL",
        "GUAR HYDROXYPROPYLTRIMONIUM CHLORIDE",
        "SODIUM BENZOATE",
        "CITRIC ACID",
        "PARFUM",
        "LIMONENE",
      ],
      pao_months: 12,
      nominal_content: { amount: 250, unit: "ml" },
      function: { da: "Shampoo til tørt og normalt hår", en: "Shampoo for dry and normal hair" },
      precautions: {
        da: "Undgå kontakt med øjnene. Skyl grundigt med vand ved kontakt.",
        en: "Avoid contact with the eyes. Rinse thoroughly with water on contact.",
      },
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
    cosmetics: {
      ingredients: [
        "AQUA",
        "CETEARYL ALCOHOL",
        "BEHENTRIMONIUM CHLORIDE",
        "GLYCERIN",
        "HYDROLYZED OAT PROTEIN",
        "PANTHENOL",
        "AMODIMETHICONE",
        "SODIUM BENZOATE",
        "POTASSIUM SORBATE",
        "CITRIC ACID",
        "PARFUM",
      ],
      pao_months: 12,
      nominal_content: { amount: 250, unit: "ml" },
      function: { da: "Balsam til håret", en: "Hair conditioner" },
      precautions: { da: "Undgå kontakt med øjnene.", en: "Avoid contact with the eyes." },
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
    cosmetics: {
      ingredients: [
        "ARGANIA SPINOSA KERNEL OIL",
        "CAPRYLIC/CAPRIC TRIGLYCERIDE",
        "SIMMONDSIA CHINENSIS SEED OIL",
        "TOCOPHEROL",
        "PARFUM",
        "LINALOOL",
        "ALPHA-ISOMETHYL IONONE",
      ],
      pao_months: 12,
      nominal_content: { amount: 100, unit: "ml" },
      function: { da: "Hårolie", en: "Hair oil" },
      precautions: { da: "Kun til udvortes brug.", en: "For external use only." },
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
    cosmetics: {
      ingredients: [
        "AQUA",
        "GLYCERIN",
        "BUTYROSPERMUM PARKII (SHEA) BUTTER",
        "PRUNUS AMYGDALUS DULCIS (SWEET ALMOND) OIL",
        "CETEARYL ALCOHOL",
        "GLYCERYL STEARATE",
        "SODIUM STEAROYL GLUTAMATE",
        "TOCOPHEROL",
        "PHENOXYETHANOL",
        "ETHYLHEXYLGLYCERIN",
        "PARFUM",
      ],
      pao_months: 12,
      nominal_content: { amount: 200, unit: "ml" },
      function: { da: "Bodylotion til tør hud", en: "Body lotion for dry skin" },
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
    cosmetics: {
      ingredients: [
        "AQUA",
        "GLYCERIN",
        "ALOE BARBADENSIS LEAF JUICE",
        "CAPRYLIC/CAPRIC TRIGLYCERIDE",
        "CETEARYL ALCOHOL",
        "DIMETHICONE",
        "ALLANTOIN",
        "SODIUM BENZOATE",
        "POTASSIUM SORBATE",
        "CITRIC ACID",
      ],
      pao_months: 12,
      nominal_content: { amount: 30, unit: "ml" },
      function: { da: "Håndcreme", en: "Hand cream" },
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
