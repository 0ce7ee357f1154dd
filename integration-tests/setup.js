// Medusa's starter does this: MikroORM keeps entity metadata in a global
// store, and a second Medusa app in the same jest worker would otherwise see
// the first one's entities.
const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

MetadataStorage.clear()
