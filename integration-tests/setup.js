// Medusa's starter does this: MikroORM keeps entity metadata in a global
// store, and a second Medusa app in the same jest worker would otherwise see
// the first one's entities.
const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

MetadataStorage.clear()

// medusaIntegrationTestRunner creates and drops a database per suite on this
// server. "localhost" (not 127.0.0.1) because the runner turns TLS on for any
// other host name, and the machine's PostgreSQL speaks plain TCP.
process.env.DB_HOST = process.env.DB_HOST || "localhost"
process.env.DB_PORT = process.env.DB_PORT || "5432"
process.env.DB_USERNAME = process.env.DB_USERNAME || "postgres"
process.env.DB_PASSWORD = process.env.DB_PASSWORD || ""

// Medusa's read-only link from a store's languages to the Translation
// Module's locales (GET /store/locales) reads the translation feature flag
// when @medusajs/link-modules is first required. medusa start and medusa exec
// load the flag from the config (src/config/languages.ts) before that; a jest
// file requires Medusa's workflows before its app loads, so here the flag
// comes from the variable Medusa also reads.
process.env.MEDUSA_FF_TRANSLATION = "true"
