import type { RunningShop } from "../../e2e/lib/shop"

/** An answer as a drill reads it: its status, its JSON (or text) body and its Retry-After. */
export interface Answer {
  status: number
  body: any
  retryAfter: string | null
}

export async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text()
  return {
    status: response.status,
    // The reset route answers 201 with the text "Created".
    body: response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text,
    retryAfter: response.headers.get("retry-after"),
  }
}

/** How a storefront's server tells the shop who the shopper is (docs/security.md#behind-a-server-side-storefront). */
export type StorefrontIdentity =
  /** Nothing: an untrusted server, or a trusted network that names no shopper. */
  { kind: "nothing" } | { kind: "secret"; shopper: string } | { kind: "address"; shopper: string }

/**
 * A login as the official Next.js storefront sends it from a server action (@medusajs/js-sdk's
 * `auth.login("customer", "emailpass", …)` on the storefront's server): a server-side fetch with JSON and the
 * publishable key, no cookie, no Origin. It reaches the shop through Railway's proxy, which puts the storefront
 * server's address in X-Forwarded-For. A trusted storefront adds its secret or calls from its network, and names
 * the shopper.
 */
export async function storefrontLogin(
  shop: RunningShop,
  storefrontAddress: string,
  identity: StorefrontIdentity,
  email: string,
  password: string
): Promise<Answer> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-publishable-api-key": shop.publishableKey,
    "x-forwarded-for": storefrontAddress,
  }
  if (identity.kind === "secret") headers["x-storefront-secret"] = shop.env.STOREFRONT_SECRET
  if (identity.kind !== "nothing") headers["x-shopper-address"] = identity.shopper
  const response = await fetch(`${shop.serverUrl}/auth/customer/emailpass`, {
    method: "POST",
    headers,
    body: JSON.stringify({ email, password }),
  })
  return answerOf(response)
}
