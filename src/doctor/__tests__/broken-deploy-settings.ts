/**
 * The variables of the shop's first failed Railway deploy, as its operators
 * reported them: the doctor must report every problem in them.
 */
export function brokenDeploySettings(databaseUrl: string): Record<string, string> {
  return {
    NODE_ENV: "production",
    DATABASE_URL: `${databaseUrl}?pgbouncer=true`,
    DATABASE_EXTRA: '{"ssl":{"rejectUnauthorized":false}}',
    JWT_SECRET: "[secure-random-32-chars]",
    COOKIE_SECRET: "[secure-random-32-chars]",
    STORE_CORS: "https://beauty-shop.vercel.app",
    ADMIN_CORS: "https://[railway-server-url],http://localhost:7001",
    AUTH_CORS: "https://[railway-server-url],http://localhost:7001",
    MEDUSA_ADMIN_ONBOARDING_TYPE: "skip",
  }
}
