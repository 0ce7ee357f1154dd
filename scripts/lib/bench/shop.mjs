// @ts-check
/**
 * The shop `npm run bench` measures: the built app with a database of its own
 * (made, migrated and seeded with the project's npm scripts), Redis on a
 * database index of its own, and the variables a production Railway service
 * has. What the load needs (publishable key, DKK region, a product and a
 * variant) is read from the running Store API.
 */
import { randomBytes } from "node:crypto"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { Redis } from "ioredis"
import pg from "pg"
import { ROOT, SERVER_DIR } from "../built-app.mjs"
import { run } from "./processes.mjs"

const POSTGRES = process.env.BENCH_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432"
export const REDIS_URL = process.env.BENCH_REDIS_URL || "redis://127.0.0.1:6379/11"
/**
 * The cache Redis of ours in the storefront-shaped part (CACHE_REDIS_URL):
 * only with one does the store cache keep answers in Redis, shared by every
 * server (docs/operations.md "Store API cache"). `none`: ours without one.
 */
const cacheRedisSetting = process.env.BENCH_CACHE_REDIS_URL || "redis://127.0.0.1:6379/12"
export const CACHE_REDIS_URL = cacheRedisSetting === "none" ? "" : cacheRedisSetting

/**
 * Only what the tools need from the caller's environment (where node and npm
 * are, npm's settings), never the caller's DATABASE_URL, REDIS_URL or other
 * shop variables.
 * @returns {NodeJS.ProcessEnv}
 */
function toolingEnv() {
  const keep = /** @param {string} key */ (key) =>
    ["PATH", "HOME", "LANG", "TMPDIR", "XDG_CACHE_HOME", "NODE_EXTRA_CA_CERTS"].includes(key) ||
    key.startsWith("npm_config_")
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => keep(key)))
}

/**
 * A production service's variables for the given database: local files and
 * logged emails (no S3 or SendGrid needed), secrets of the required length.
 * @param {string} database
 * @param {number} serverPort
 * @returns {NodeJS.ProcessEnv}
 */
export function shopEnv(database, serverPort) {
  const secret = () => randomBytes(24).toString("hex")
  const serverUrl = `http://localhost:${serverPort}`
  return {
    ...toolingEnv(),
    NODE_ENV: "production",
    DATABASE_URL: `${POSTGRES}/${database}`,
    DATABASE_MIGRATION_URL: `${POSTGRES}/${database}`,
    REDIS_URL,
    JWT_SECRET: secret(),
    COOKIE_SECRET: secret(),
    STORE_CORS: "http://localhost:8000",
    ADMIN_CORS: serverUrl,
    AUTH_CORS: `${serverUrl},http://localhost:8000`,
    FILES_LOCAL_ONLY: "true",
    EMAIL_LOG_ONLY: "true",
  }
}

/** @param {string} sql */
async function asPostgres(sql) {
  const client = new pg.Client({ connectionString: `${POSTGRES}/postgres` })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** @param {string} database */
export const createDatabase = (database) => asPostgres(`CREATE DATABASE ${database}`)

/** @param {string} database */
export const dropDatabase = (database) => asPostgres(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)

/** Empties the bench's Redis databases, so no cache entry or job of an earlier run is left. */
export async function flushRedis() {
  for (const url of [REDIS_URL, CACHE_REDIS_URL].filter(Boolean)) {
    const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true })
    try {
      await redis.connect()
      await redis.flushdb()
    } finally {
      redis.disconnect()
    }
  }
}

/**
 * Builds (unless BENCH_REUSE_BUILD=1 and a build exists), migrates and seeds,
 * each step with its npm script; resolves with the publishable key.
 * @param {NodeJS.ProcessEnv} env
 * @param {string} logDir
 * @param {(line: string) => void} progress
 * @returns {Promise<string>}
 */
export async function prepareShop(env, logDir, progress) {
  const options = { cwd: ROOT, env, logDir }
  const step = async (/** @type {string} */ name, /** @type {string[]} */ args) => {
    const started = Date.now()
    const output = await run(name, "npm", args, options)
    progress(`${name} done in ${((Date.now() - started) / 1000).toFixed(0)} s`)
    return output
  }
  if (process.env.BENCH_REUSE_BUILD === "1" && existsSync(join(SERVER_DIR, "medusa-config.js"))) {
    progress("BENCH_REUSE_BUILD=1: using the existing .medusa/server build")
  } else {
    await step("build", ["run", "build"])
  }
  await step("migrate", ["run", "migrate"])
  await step("seed", ["run", "seed"])
  const key = (await step("publishable-key", ["run", "--silent", "publishable-key"])).match(/pk_[0-9a-f]+/)?.[0]
  if (!key) {
    throw new Error("npm run publishable-key printed no pk_ key")
  }
  return key
}

/**
 * @typedef {{ regionId: string, productId: string, handle: string, variantId: string }} Catalogue
 */

/**
 * The DKK region and the first product with a variant, from the Store API.
 * @param {string} baseUrl
 * @param {string} publishableKey
 * @returns {Promise<Catalogue>}
 */
export async function readCatalogue(baseUrl, publishableKey) {
  const get = async (/** @type {string} */ path) => {
    const response = await fetch(`${baseUrl}${path}`, { headers: { "x-publishable-api-key": publishableKey } })
    if (!response.ok) {
      throw new Error(`GET ${path} answered ${response.status}: ${(await response.text()).slice(0, 500)}`)
    }
    return response.json()
  }
  const { regions } = await get("/store/regions")
  const region = regions.find((/** @type {{ currency_code: string }} */ r) => r.currency_code === "dkk")
  const { products } = await get("/store/products?fields=id,handle,*variants,+variants.inventory_quantity&limit=50")
  /** @param {{ manage_inventory?: boolean, inventory_quantity?: number }} v */
  const inStock = (v) => v.manage_inventory === false || (v.inventory_quantity ?? 0) > 0
  const product = products.find((/** @type {{ variants?: any[] }} */ p) => p.variants?.some(inStock))
  if (!region || !product) {
    throw new Error("the seeded shop has no DKK region or no product with a variant in stock")
  }
  const variant = product.variants.find(inStock)
  return { regionId: region.id, productId: product.id, handle: product.handle, variantId: variant.id }
}

/**
 * Adds the storefront-shaped part's catalogue (src/scripts/bench-catalogue.ts,
 * `products` products) with `medusa exec`, as `npm run seed` runs the seed;
 * resolves with the seconds it took.
 *
 * Its store cache and Caching Module are off: nothing is cached while no
 * server runs, and each of the thousands of events the catalogue emits would
 * otherwise cost a lookup and a Redis round trip for an invalidation. The
 * event bus jobs it leaves are flushed with the rest of Redis before each boot.
 * @param {NodeJS.ProcessEnv} env
 * @param {string} logDir
 * @param {number} products
 * @returns {Promise<number>}
 */
export async function makeBenchCatalogue(env, logDir, products) {
  const started = Date.now()
  await run(
    "bench-catalogue",
    join(ROOT, "node_modules", ".bin", "medusa"),
    ["exec", "./src/scripts/bench-catalogue.ts"],
    {
      cwd: ROOT,
      env: {
        ...env,
        BENCH_PRODUCTS: String(products),
        STORE_CACHE_MAX_AGE_SECONDS: "0",
        MEDUSA_FF_CACHING: "false",
      },
      logDir,
    }
  )
  return (Date.now() - started) / 1000
}
