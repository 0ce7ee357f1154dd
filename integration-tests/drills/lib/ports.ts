/** Where the drills' shop listens: beside the e2e suite's (19200…) and the deploy rehearsal's (19100…). */
export const DRILL_PORTS = {
  server: 19300,
  worker: 19301,
  /** A second worker or a new server a drill starts beside the first. */
  secondWorker: 19302,
  newServer: 19303,
}

/** The drills' own redis-server, on a fixed port so a restarted one is found where the shop expects it. */
export const REDIS_PORT = 19379

/**
 * The drills' cache Redis (CACHE_REDIS_URL: the store cache's second level and invalidations, the Caching
 * Module), evicting like a production cache Redis, so a drill can stop it while the main Redis runs.
 */
export const CACHE_REDIS_PORT = 19380

/** The drills' pooler listens here on 6543, the port Supabase's transaction pooler uses. */
export const POOLER_HOST = "127.0.0.3"

/**
 * Where the drills' trusted storefront calls from (STOREFRONT_ADDRESSES): 198.18.0.0/15, the benchmarking range
 * no other test uses, so X-Forwarded-For addresses in it reach the shop as a storefront's server would.
 */
export const STOREFRONT_NETWORK = "198.18.0.0/15"
