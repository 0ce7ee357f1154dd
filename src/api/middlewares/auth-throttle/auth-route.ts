/**
 * Which of Medusa 2.21's auth routes a request reaches, worked out the way Express resolves it rather than from a
 * path literal, so no spelling of the same route steps around the throttle:
 *
 * - Express matches route paths case-insensitively and with an optional trailing slash, and decodes each
 *   parameter (`/auth/Customer/emailp%61ss/` reaches `/auth/:actor_type/:auth_provider` with the provider
 *   `emailpass`);
 * - Medusa registers the login handler for GET as well as POST (and Express answers HEAD with GET's handler),
 *   and its body parser reads a JSON body on any method, so the method does not matter;
 * - `register`, `reset-password` and `update` each check or cost a password too.
 *
 * Medusa's routes under /auth (node_modules/@medusajs/medusa/dist/api/auth):
 *   /auth/:actor_type/:auth_provider                 GET, POST  log in
 *   /auth/:actor_type/:auth_provider/register        POST       create a login (one scrypt hash each)
 *   /auth/:actor_type/:auth_provider/reset-password  POST       send a reset email
 *   /auth/:actor_type/:auth_provider/update          POST       set a password with a reset token
 *   /auth/:actor_type/:auth_provider/callback        GET, POST  an OAuth provider's return (none here)
 *   /auth/:actor_type/providers                      GET        the providers an actor may log in with (the admin's
 *                                                               login page asks), not a login
 *   /auth/:auth_provider/user                        POST       make a staff user of a bearer token's identity
 *   /auth/session, /auth/token/refresh, /auth/mfa/…, /auth/verification/…  need a token already
 */
export type AuthAction = "login" | "register" | "reset" | "update" | "callback"

export type AuthRoute =
  | { kind: "attempt"; action: AuthAction; actor: string; provider: string }
  /** An actor type or provider this shop does not have: answered 404 before Medusa tries it. */
  | { kind: "unknown"; message: string }
  /** Anything else under /auth (sessions, token refresh, MFA with a token): not a password attempt. */
  | { kind: "other" }

const ACTIONS: Record<string, AuthAction> = {
  register: "register",
  "reset-password": "reset",
  update: "update",
  callback: "callback",
}

/** Routes whose first segment is a literal Medusa matches before `:actor_type`. */
const NOT_ACTORS = new Set(["session", "token", "mfa", "verification"])

/** Express decodes parameters with decodeURIComponent and answers 400 when that fails; so does this (undefined). */
function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

export interface AuthRouteOptions {
  /** The actor types that log in here (Medusa's are user and customer). */
  actors: readonly string[]
  /** The auth providers registered with Medusa's Auth Module. */
  providers: readonly string[]
}

/**
 * What `url` (a request's path and query, as Node received it) reaches under /auth, or undefined when it is
 * not under /auth at all.
 */
export function resolveAuthRoute(
  url: string,
  { actors, providers }: AuthRouteOptions,
  method = "POST"
): AuthRoute | undefined {
  const path = url.split("?")[0]
  if (!/^\/auth(\/|$)/i.test(path)) return undefined
  const segments = path.slice("/auth/".length).split("/")
  // One trailing slash is allowed (Express's non-strict routing); an empty segment anywhere else matches nothing.
  if (segments.length > 1 && segments[segments.length - 1] === "") segments.pop()
  if (segments.length < 2 || segments.length > 3 || segments.some((s) => s === "")) return { kind: "other" }
  const raw = segments.map(decode)
  if (raw.some((s) => s === undefined)) return { kind: "other" }
  const [first, second, third] = raw as string[]
  if (NOT_ACTORS.has(first.toLowerCase())) return { kind: "other" }
  // Medusa's router prefers the literal route: GET (and HEAD) /auth/:actor_type/providers lists providers.
  if (segments.length === 2 && second.toLowerCase() === "providers" && (method === "GET" || method === "HEAD")) {
    return { kind: "other" }
  }
  // POST /auth/:auth_provider/user needs a bearer token from a login already made.
  if (segments.length === 2 && second.toLowerCase() === "user" && providers.includes(first)) return { kind: "other" }
  const action: AuthAction | undefined = third === undefined ? "login" : ACTIONS[third.toLowerCase()]
  if (!action) return { kind: "other" }
  if (!actors.includes(first)) {
    return {
      kind: "unknown",
      message: `There is no login for "${first.slice(0, 40)}"; use one of ${actors.join(", ")}`,
    }
  }
  if (!providers.includes(second)) {
    return {
      kind: "unknown",
      message: `There is no auth provider "${second.slice(0, 40)}"; use one of ${providers.join(", ")}`,
    }
  }
  return { kind: "attempt", action, actor: first, provider: second }
}
