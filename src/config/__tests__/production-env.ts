export const STRONG = "x".repeat(16) + "Q7v!k2#LmP9sTz4w"
export const PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n"
export const SUPABASE_TX = "postgresql://postgres.ref:pw@aws-1-eu-west-1.pooler.supabase.com:6543/postgres"

/** A complete production environment of the server service. */
export const PRODUCTION = {
  NODE_ENV: "production",
  MEDUSA_WORKER_MODE: "server",
  DATABASE_URL: SUPABASE_TX,
  DATABASE_CA_CERT: PEM,
  REDIS_URL: "redis://default:pw@redis.railway.internal:6379",
  JWT_SECRET: STRONG,
  COOKIE_SECRET: STRONG + "c",
  STORE_CORS: "https://shop.example.dk",
  ADMIN_CORS: "https://backend.example.dk",
  AUTH_CORS: "https://shop.example.dk,https://backend.example.dk",
}
