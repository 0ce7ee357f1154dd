import { SERVER_PORT, WORKER_PORT } from "./rehearsal-setting"

/**
 * A client for the service on the port given, as a storefront or the admin calls it: a bearer token, a
 * publishable key, and the answer's body parsed when it is JSON.
 */
const api =
  (port: number) =>
  async (path: string, init: RequestInit & { token?: string; key?: string } = {}) => {
    const headers: Record<string, string> = { "content-type": "application/json" }
    if (init.token) headers.authorization = `Bearer ${init.token}`
    if (init.key) headers["x-publishable-api-key"] = init.key
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { ...init, headers })
    const text = await response.text()
    let body: any = text
    try {
      body = JSON.parse(text)
    } catch {
      // not JSON (the admin's HTML)
    }
    return { status: response.status, body, text }
  }
export const serverApi = api(SERVER_PORT)
export const workerApi = api(WORKER_PORT)

/** A published product with one size, through the server's Admin API. */
export function createProduct(token: string, title: string, size: string, channelId?: string) {
  const handle = title.toLowerCase().replace(/\s+/g, "-")
  return serverApi("/admin/products", {
    method: "POST",
    token,
    body: JSON.stringify({
      title,
      handle,
      status: "published",
      options: [{ title: "Size", values: [size] }],
      variants: [
        {
          title: size,
          sku: handle.toUpperCase(),
          options: { Size: size },
          prices: [{ currency_code: "dkk", amount: 199 }],
        },
      ],
      ...(channelId ? { sales_channels: [{ id: channelId }] } : {}),
    }),
  })
}
