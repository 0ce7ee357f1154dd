import type { RunningShop } from "./shop"

// The Admin API of the running shop with a staff member's token, as the dashboard calls it.

export interface AdminResponse {
  status: number
  body: any
}

export async function adminApi(shop: RunningShop) {
  const login = await fetch(`${shop.serverUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(shop.admin),
  })
  const { token } = (await login.json()) as { token?: string }
  if (!token) throw new Error(`admin login: HTTP ${login.status}`)
  const authorization = `Bearer ${token}`

  const send = async (method: string, path: string, body?: object | FormData): Promise<AdminResponse> => {
    const json = body !== undefined && !(body instanceof FormData)
    const response = await fetch(`${shop.serverUrl}${path}`, {
      method,
      headers: { authorization, ...(json ? { "content-type": "application/json" } : {}) },
      body: json ? JSON.stringify(body) : (body as FormData | undefined),
    })
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : undefined }
  }
  return {
    get: (path: string) => send("GET", path),
    post: (path: string, body: object | FormData = {}) => send("POST", path, body),
    delete: (path: string) => send("DELETE", path),
  }
}

export type AdminApi = Awaited<ReturnType<typeof adminApi>>
