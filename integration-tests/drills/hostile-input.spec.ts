/**
 * Hostile input: every case in hostile-input/cases.json (malformed or
 * hostile Store, Admin, auth, file and webhook requests) against the built
 * server gets a 4xx with a JSON error, never a 5xx, an HTML page or a hang,
 * and the server is healthy afterwards. Add a case by adding an object to
 * the file:
 *
 *   name, method, path           the request ({{placeholders}} below)
 *   body | rawBody + contentType a JSON body, or a raw one with its type
 *   generate                     { kind: "deep", depth } or { kind: "huge", bytes }: a JSON body made here
 *   headers                      extra headers
 *   auth                         "admin" or "customer": a valid bearer token of that kind
 *   publishableKey               false: do not send the shop's key (Store routes need it)
 *
 * Placeholders: {{region}}, {{variant}}, {{cart}} (a fresh cart),
 * {{regionField}} ("region_id"), {{foreignJwt}} (a JWT signed with another secret).
 */
import { createHmac } from "node:crypto"
import { readFileSync } from "node:fs"
import { request as httpRequest } from "node:http"
import { join } from "node:path"
import { registerCustomer } from "../e2e/lib/customers"
import { runningShop } from "../e2e/lib/shop"

jest.setTimeout(5 * 60 * 1000)

interface HostileCase {
  name: string
  method: string
  path: string
  body?: unknown
  rawBody?: string
  contentType?: string
  generate?: { kind: "deep"; depth: number } | { kind: "huge"; bytes: number }
  headers?: Record<string, string>
  auth?: "admin" | "customer"
  publishableKey?: false
}

const CASES: HostileCase[] = JSON.parse(readFileSync(join(__dirname, "hostile-input", "cases.json"), "utf8"))
const REQUEST_LIMIT_MS = 15_000
const shop = runningShop()
const values: Record<string, string> = { regionField: "region_id" }
const tokens: Record<string, string> = {}

function jwtSignedWith(secret: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url")
  const unsigned = `${part({ alg: "HS256", typ: "JWT" })}.${part({ actor_id: "cus_1", actor_type: "customer", auth_identity_id: "authid_1" })}`
  return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`
}

const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`)

function bodyOf(c: HostileCase): { body?: string; type?: string } {
  if (c.generate?.kind === "deep")
    return { body: `${'{"a":'.repeat(c.generate.depth)}1${"}".repeat(c.generate.depth)}`, type: "application/json" }
  if (c.generate?.kind === "huge")
    return { body: `{"region_id":"${"x".repeat(c.generate.bytes)}"}`, type: "application/json" }
  if (c.rawBody !== undefined) return { body: fill(c.rawBody), type: c.contentType }
  if (c.body !== undefined) return { body: fill(JSON.stringify(c.body)), type: "application/json" }
  return {}
}

/** Characters a request line may not carry raw are percent-encoded; everything else (`..`, `%00`) is sent as written. */
const requestPath = (path: string) =>
  path.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/g, (ch) => encodeURIComponent(ch))

/**
 * Sends the case with node:http, which keeps the path exactly as written
 * (fetch would resolve `/static/../..` before sending it).
 */
function send(c: HostileCase): Promise<{ status: number; type: string; text: string; ms: number }> {
  const { body, type } = bodyOf(c)
  const headers: Record<string, string | number> = {
    ...(c.publishableKey === false ? {} : { "x-publishable-api-key": shop.publishableKey }),
    ...(type ? { "content-type": type } : {}),
    ...(body !== undefined ? { "content-length": Buffer.byteLength(body) } : {}),
    ...(c.auth ? { authorization: `Bearer ${tokens[c.auth]}` } : {}),
    ...Object.fromEntries(Object.entries(c.headers ?? {}).map(([k, v]) => [k, fill(v)])),
  }
  const server = new URL(shop.serverUrl)
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: server.hostname, port: server.port, method: c.method, path: requestPath(fill(c.path)), headers },
      (response) => {
        const chunks: Buffer[] = []
        response.on("data", (chunk: Buffer) => chunks.push(chunk))
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            type: String(response.headers["content-type"] ?? ""),
            text: Buffer.concat(chunks).toString(),
            ms: Date.now() - started,
          })
        )
      }
    )
    request.setTimeout(REQUEST_LIMIT_MS, () => request.destroy(new Error(`no answer in ${REQUEST_LIMIT_MS} ms`)))
    // A server that answers 413 may close before taking the whole body; the answer has arrived by then.
    request.on("error", reject)
    request.end(body)
  })
}

async function post(path: string, body: object, headers: Record<string, string> = {}) {
  const response = await fetch(`${shop.serverUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-publishable-api-key": shop.publishableKey, ...headers },
    body: JSON.stringify(body),
  })
  return response.json() as Promise<any>
}

beforeAll(async () => {
  const store = (path: string) =>
    fetch(`${shop.serverUrl}${path}`, { headers: { "x-publishable-api-key": shop.publishableKey } }).then(
      (r) => r.json() as Promise<any>
    )
  values.region = (await store("/store/regions")).regions[0].id
  const { products } = await store("/store/products?fields=id,*variants&limit=1")
  values.variant = products[0].variants[0].id
  values.cart = (await post("/store/carts", { region_id: values.region })).cart.id
  values.foreignJwt = jwtSignedWith("not-this-shops-secret-not-this-shops-secret")
  tokens.admin = (await post("/auth/user/emailpass", shop.admin)).token
  tokens.customer = (await registerCustomer(shop, `hostile-${Date.now()}@example.dk`, "hostile-pw-1")).token
})

const seen: string[] = []

afterAll(() => {
  console.log(`hostile input, ${CASES.length} cases:\n  ${seen.join("\n  ")}`)
})

describe("hostile input", () => {
  it("has at least 80 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(80)
  })

  it.each(CASES.map((c) => [c.name, c] as const))("%s: a 4xx with a JSON error", async (_, c) => {
    const answer = await send(c)
    seen.push(`${answer.status} ${c.name} (${answer.ms} ms)`)
    const verdict = answer.status >= 400 && answer.status < 500 && answer.type.includes("json") ? "4xx JSON" : "other"
    expect(`${verdict} (${answer.status} ${answer.type}: ${answer.text.slice(0, 200)})`).toMatch(/^4xx JSON/)
  })

  it("leaves the server healthy and serving", async () => {
    expect((await fetch(shop.health.server)).status).toBe(200)
    const list = await fetch(`${shop.serverUrl}/store/products`, {
      headers: { "x-publishable-api-key": shop.publishableKey },
    })
    expect(list.status).toBe(200)
  })
})
