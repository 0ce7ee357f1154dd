export const STRONG = "x".repeat(16) + "Q7v!k2#LmP9sTz4w"
export const PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n"
export const SUPABASE_TX = "postgresql://postgres.ref:pw@aws-1-eu-west-1.pooler.supabase.com:6543/postgres"

/** Supabase Storage through its S3 endpoint, as the docs set it up. */
export const SUPABASE_STORAGE = {
  S3_BUCKET: "media",
  S3_REGION: "eu-west-1",
  S3_ACCESS_KEY_ID: "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4",
  S3_SECRET_ACCESS_KEY: "s3-secret-" + "k".repeat(32),
  S3_ENDPOINT: "https://ref.supabase.co/storage/v1/s3",
  S3_FILE_URL: "https://ref.supabase.co/storage/v1/object/public/media",
}

/** Stripe in live mode; the webhook secret of the endpoint /hooks/payment/stripe_stripe. */
export const STRIPE_LIVE = {
  STRIPE_API_KEY: "sk_live_" + "51Hx".repeat(6),
  STRIPE_WEBHOOK_SECRET: "whsec_" + "Ab3".repeat(10),
}

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
  ...SUPABASE_STORAGE,
  ...STRIPE_LIVE,
}
