import type { ExecArgs } from "@medusajs/framework/types"
import { maskSecretsInText } from "../config/mask"
import { STORE_CACHE_MODULE } from "../modules/store-cache"
import type StoreCacheService from "../modules/store-cache/service"

/**
 * `npm run store-cache:flush` (scripts/store-cache-flush.mjs runs this from
 * the built app): empties the store cache on every server replica, for a
 * change no Medusa event announces (an edit straight in the database, a
 * restore), which would otherwise show only after STORE_CACHE_MAX_AGE_SECONDS.
 * The server that hears it first then computes the first 500 answers asked again.
 */
export default async function storeCacheFlush({ container }: ExecArgs): Promise<void> {
  const storeCache = container.resolve<StoreCacheService>(STORE_CACHE_MODULE)
  try {
    const reached = await storeCache.flushEverywhere("npm run store-cache:flush")
    if (reached === "off") {
      console.log("store-cache:flush: the store cache is off (STORE_CACHE_MAX_AGE_SECONDS=0); nothing to empty")
    } else if (reached === "nowhere else") {
      console.log(
        "store-cache:flush: no Redis is configured, so each server keeps its answers in its own memory and cannot be reached from here; restart the server to empty it"
      )
      process.exitCode = 1
    } else {
      console.log(
        "store-cache:flush: every server's store cache is emptied; the first server to hear it computes the first 500 answers asked again (its log says `[store-cache] warmed up …`)"
      )
    }
  } catch (error) {
    console.log(
      `store-cache:flush: nothing emptied: the store cache's Redis did not take the invalidation (${maskSecretsInText(error instanceof Error ? error.message : String(error))})`
    )
    process.exitCode = 1
  }
}
