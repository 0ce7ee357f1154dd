import type { ModuleDeclaration } from "./modules"

/**
 * The shop's languages. Its base content (product titles, categories, ...)
 * is Danish; English comes as translations through Medusa's Translation
 * Module. A Store API request without a locale gets the base content, so
 * Danish is the default without any translation rows of its own.
 */
export const BASE_LOCALE = "da-DK"
export const TRANSLATED_LOCALES = ["en-GB"] as const
export const SUPPORTED_LOCALES = [BASE_LOCALE, ...TRANSLATED_LOCALES] as const

/**
 * What switches the Translation Module on in Medusa 2.21.2. The module sits
 * behind the `translation` feature flag, and defineConfig decides whether to
 * add it before the flags are loaded, so it never adds it by itself: the
 * module is declared here, and the flag, which the Store API's locale routes
 * and the translation of query results check at run time, is set in the
 * config's featureFlags. Always on: the shop is bilingual in every mode.
 */
export function languageSettings(): {
  featureFlags: Record<string, boolean>
  module: ModuleDeclaration
  summary: string
} {
  return {
    featureFlags: { translation: true },
    module: { resolve: "@medusajs/medusa/translation" },
    summary: `languages: ${BASE_LOCALE} (base content, the default), ${TRANSLATED_LOCALES.join(", ")} (Translation Module)`,
  }
}
