import type { RunningShop } from "./shop"

/**
 * A customer account made the way a storefront makes one: register the
 * email and password, create the customer with the registration token, log
 * in. Resolves with the customer's id and a login token. `headers` go on
 * every request (an X-Forwarded-For address, say).
 */
export async function registerCustomer(
  shop: RunningShop,
  email: string,
  password: string,
  headers: Record<string, string> = {}
): Promise<{ id: string; token: string }> {
  const post = async (path: string, body: object, token?: string) => {
    const response = await fetch(`${shop.serverUrl}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-publishable-api-key": shop.publishableKey,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify(body),
    })
    const answer = (await response.json()) as any
    if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(answer)}`)
    return answer
  }
  const registration = await post("/auth/customer/emailpass/register", { email, password })
  const { customer } = await post("/store/customers", { email, first_name: "Karen" }, registration.token)
  const login = await post("/auth/customer/emailpass", { email, password })
  return { id: customer.id, token: login.token }
}
