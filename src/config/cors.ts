import { ConfigError, configWarning, type ConfigWarning } from "./errors"

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
 * Medusa takes a comma-separated list of origins (or /regex/ entries) and
 * hands it to the `cors` package as an array, where `*` is compared with the
 * request's origin like any other string: it matches no browser, so it is
 * refused rather than accepted as "allow all". Production must name its
 * origins: a forgotten variable would otherwise block the storefront and the
 * admin with CORS errors that are hard to read.
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
  if (entries.includes("*")) {
    throw new ConfigError(
      name,
      `"*" is not supported: Medusa passes the list to cors as origins, so "*" matches no browser and blocks every request; list the origins, e.g. ${EXAMPLES[name]}`
    )
  }
  const bad = entries.find((e) => !isOriginOrPattern(e))
  if (bad !== undefined) {
    throw new ConfigError(
      name,
      `"${bad}" is not an origin (scheme://host[:port] without a path) or a /regex/; e.g. ${EXAMPLES[name]}`
    )
  }
  return entries.join(",")
}

/** Origins no shop owns: a pattern that admits them admits anyone. */
const FOREIGN_ORIGINS = ["https://attacker.invalid", "http://evil.example.com:8080"]

/** A /regex/ entry that admits every origin is as open as no CORS at all. */
export function permissivePatterns(name: CorsName, value: string): ConfigWarning[] {
  return value
    .split(",")
    .map((e) => e.trim())
    .filter((entry) => isPattern(entry) && FOREIGN_ORIGINS.every((origin) => compiles(entry)?.test(origin)))
    .map((entry) =>
      configWarning(
        `${name}: ${entry} matches every origin (e.g. ${FOREIGN_ORIGINS[0]}), so any site may call this API with the user's cookies`,
        `anchor the pattern to your own domain, e.g. /^https:\\/\\/([a-z0-9-]+\\.)?shop\\.example\\.dk$/, or list the origins`
      )
    )
}

function isPattern(entry: string): boolean {
  return entry.length > 2 && entry.startsWith("/") && entry.endsWith("/")
}

function compiles(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern.slice(1, -1))
  } catch {
    return undefined
  }
}

function isOriginOrPattern(entry: string): boolean {
  if (isPattern(entry)) {
    return compiles(entry) !== undefined
  }
  try {
    const url = new URL(entry)
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === entry.replace(/\/$/, "")
  } catch {
    return false
  }
}

export interface CorsSettings {
  http: { storeCors: string; adminCors: string; authCors: string }
  warnings: ConfigWarning[]
}

/** The three resolved lists with the warnings about permissive patterns. */
export function corsWithWarnings(http: CorsSettings["http"]): CorsSettings {
  const warnings = [
    ...permissivePatterns("STORE_CORS", http.storeCors),
    ...permissivePatterns("ADMIN_CORS", http.adminCors),
    ...permissivePatterns("AUTH_CORS", http.authCors),
  ]
  return { http, warnings }
}
