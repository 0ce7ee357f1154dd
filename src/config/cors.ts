import { ConfigError, configWarning, type ConfigWarning } from "./errors"
import { maskSecretsInText } from "./mask"

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
 *
 * Every other entry must be able to match: `cors` compares a text entry with
 * the browser's Origin header character for character, so an entry that is
 * not written exactly as browsers send an origin is refused (see
 * originProblem), as is a /regex/ that does not compile (Medusa's
 * parseCorsOrigins, @medusajs/utils, then keeps it as text, which never
 * matches).
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
  for (const entry of entries) {
    const problem = isPattern(entry) ? patternProblem(entry) : originProblem(entry, EXAMPLES[name])
    if (problem !== undefined) {
      throw new ConfigError(name, problem)
    }
  }
  return entries.join(",")
}

/** An anchored pattern: the shop's domain and its subdomains. */
const PATTERN_EXAMPLE = "/^https:\\/\\/([a-z0-9-]+\\.)?shop\\.example\\.dk$/"

function patternProblem(entry: string): string | undefined {
  try {
    new RegExp(entry.slice(1, -1))
    return undefined
  } catch (error) {
    // V8: "Invalid regular expression: /[a-/: Unterminated character class"
    const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, "")
    return `${entry} is not a valid /regex/ (${reason}), so it would be compared as text and match nothing; e.g. ${PATTERN_EXAMPLE}`
  }
}

/** A DNS name (in ASCII, as the URL parser leaves it), or an IPv4 or [IPv6] address. */
const HOST_NAME = /^(?:[a-z0-9_-]+\.)*[a-z0-9_-]+\.?$|^\[[0-9a-f:.]+\]$/

/**
 * Why a text entry can never equal a browser's Origin header, with the fix, or
 * undefined when it can. Browsers send `scheme://host[:port]` as the URL
 * standard serialises an origin: scheme and host in lower case, the host in
 * ASCII (punycode), no default port (80 for http, 443 for https), no user, no
 * path, no trailing slash. `new URL(entry).origin` is that serialisation, so
 * an entry is fine exactly when it equals its own origin, and where it differs
 * the origin is the one fix, which the message gives. A `*` is no wildcard to
 * `cors` and whitespace is in no origin; neither has a single fix, so their
 * messages show the way instead.
 */
function originProblem(raw: string, example: string): string | undefined {
  const entry = maskSecretsInText(raw)
  if (raw === "") {
    return "has an empty entry (a comma too many); remove it"
  }
  if (/\s/.test(raw)) {
    return `"${entry}" contains whitespace, which no origin has; separate origins with a comma, e.g. https://shop.example.dk,https://www.shop.example.dk`
  }
  let url: URL | undefined
  try {
    url = new URL(raw)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    return `"${entry}" is not an origin (scheme://host[:port] without a path) or a /regex/; e.g. ${example}`
  }
  if (url.hostname.includes("*")) {
    return `"${entry}" contains "*", which cors compares as a plain character, not a wildcard; use a /regex/, e.g. ${wildcardPattern(url.origin)}`
  }
  if (!HOST_NAME.test(url.hostname)) {
    // A placeholder or an unresolved reference (https://${{RAILWAY_PUBLIC_DOMAIN}}): no origin to suggest.
    return `"${entry}" is not an origin (scheme://host[:port] without a path) or a /regex/; e.g. ${example}`
  }
  if (url.origin === raw) {
    return undefined
  }
  return `"${entry}" ${differenceFromOrigin(raw, url)}: write ${url.origin}`
}

/** How an http(s) entry that parses differs from the origin browsers send, and what they send instead. */
function differenceFromOrigin(raw: string, url: URL): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(raw)?.[0] ?? ""
  // The authority as written: after "scheme://", up to a path, query or fragment.
  const authority = raw.slice(scheme.length).split(/[/?#]/)[0]
  const rest = raw.slice(scheme.length + authority.length)
  if (url.username || url.password) {
    return "has a user name or password; browsers send only scheme://host[:port]"
  }
  if (rest === "/") {
    return 'ends with "/"; browsers send the origin without it'
  }
  if (rest !== "") {
    return "has a path, query or fragment; browsers send only scheme://host[:port]"
  }
  const port = /:(\d+)$/.exec(authority)?.[1]
  if (port !== undefined && url.port === "") {
    return `names the default port ${port}; browsers leave it out`
  }
  if (/[^\x00-\x7f]/.test(authority)) {
    return "has a host name with letters outside ASCII; browsers send it in punycode"
  }
  if (raw !== raw.toLowerCase()) {
    return "has upper-case letters; browsers send the scheme and host in lower case"
  }
  return "is not written as browsers send an origin"
}

/** The anchored /regex/ an origin with `*` for one host label most likely meant. */
function wildcardPattern(origin: string): string {
  const escaped = origin.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, "\\$&"))
  return `/^${escaped.join("[a-z0-9-]+")}$/`
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
        `anchor the pattern to your own domain, e.g. ${PATTERN_EXAMPLE}, or list the origins`
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
