import { ConfigError } from "./errors"

export type CorsName = "STORE_CORS" | "ADMIN_CORS" | "AUTH_CORS"

/**
 * Development defaults: a storefront on :8000, the admin served by the
 * backend on :9000 and Vite's dev server on :5173 (Medusa's starter values,
 * minus its docs site).
 */
export const DEVELOPMENT_CORS: Record<CorsName, string> = {
  STORE_CORS: "http://localhost:8000",
  ADMIN_CORS: "http://localhost:5173,http://localhost:9000",
  AUTH_CORS: "http://localhost:5173,http://localhost:9000,http://localhost:8000",
}

const EXAMPLES: Record<CorsName, string> = {
  STORE_CORS: "https://shop.example.dk",
  ADMIN_CORS: "https://${{RAILWAY_PUBLIC_DOMAIN}}",
  AUTH_CORS: "https://shop.example.dk,https://${{RAILWAY_PUBLIC_DOMAIN}}",
}

/**
 * Medusa takes a comma-separated list of origins (or /regex/ entries).
 * Production must name its origins: a forgotten variable would otherwise
 * block the storefront and the admin with CORS errors that are hard to read.
 */
export function resolveCors(name: CorsName, value: string | undefined, production: boolean): string {
  if (value === undefined) {
    if (production) {
      throw new ConfigError(
        name,
        `is required in production: a comma-separated list of allowed origins, e.g. ${EXAMPLES[name]}`
      )
    }
    return DEVELOPMENT_CORS[name]
  }
  const entries = value.split(",").map((e) => e.trim())
  const bad = entries.find((e) => !isOriginOrPattern(e))
  if (bad !== undefined) {
    throw new ConfigError(
      name,
      `"${bad}" is not an origin (scheme://host[:port] without a path) or a /regex/; e.g. ${EXAMPLES[name]}`
    )
  }
  return entries.join(",")
}

function isOriginOrPattern(entry: string): boolean {
  if (entry === "*") {
    return true
  }
  if (entry.length > 2 && entry.startsWith("/") && entry.endsWith("/")) {
    return true
  }
  try {
    const url = new URL(entry)
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === entry.replace(/\/$/, "")
  } catch {
    return false
  }
}

export function corsSettings(
  env: Partial<Record<CorsName, string>>,
  production: boolean
): { storeCors: string; adminCors: string; authCors: string } {
  return {
    storeCors: resolveCors("STORE_CORS", env.STORE_CORS, production),
    adminCors: resolveCors("ADMIN_CORS", env.ADMIN_CORS, production),
    authCors: resolveCors("AUTH_CORS", env.AUTH_CORS, production),
  }
}
