/**
 * Password guessing is throttled on the built server in production mode,
 * counted in Redis across two server replicas. Each "address" is a client
 * address in X-Forwarded-For, as Railway's edge proxy sends it (Medusa
 * trusts one proxy in production). Limits are the defaults: 5 failures per
 * account and address, 20 per address, 50 per account, in 15 minutes.
 */
import { registerCustomer } from "../e2e/lib/customers"
import { startServerReplica, type Replica } from "../e2e/lib/replica"
import { runningShop } from "../e2e/lib/shop"

jest.setTimeout(4 * 60 * 1000)

const shop = runningShop()
const WINDOW_SECONDS = 900
let replica: Replica
let addressCounter = 0
/** A TEST-NET address no other test uses. */
const newAddress = () => `198.51.100.${(addressCounter += 1)}`

interface Answer {
  status: number
  body: any
  retryAfter: string | null
}

async function post(server: string, path: string, body: object, address: string): Promise<Answer> {
  const response = await fetch(`${server}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  return {
    status: response.status,
    // The reset route answers 201 with the text "Created".
    body: response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text,
    retryAfter: response.headers.get("retry-after"),
  }
}

const login = (server: string, actor: string, email: string, password: string, address: string) =>
  post(server, `/auth/${actor}/emailpass`, { email, password }, address)

function expectThrottled(answer: Answer): void {
  expect(answer.status).toBe(429)
  expect(answer.body).toMatchObject({ type: "too_many_attempts", message: expect.stringContaining("try again in") })
  const seconds = Number(answer.retryAfter)
  expect(seconds).toBeGreaterThan(WINDOW_SECONDS - 120)
  expect(seconds).toBeLessThanOrEqual(WINDOW_SECONDS)
}

beforeAll(async () => {
  replica = await startServerReplica(shop, 19205)
})

afterAll(async () => {
  await replica?.stop()
})

describe("password guessing", () => {
  const password = "rose-petal-serum-42"

  it("stops a customer's account being guessed from one address after 5 failures, on both replicas", async () => {
    const email = `guess-${Date.now()}@example.dk`
    await registerCustomer(shop, email, password, { "x-forwarded-for": newAddress() })
    const attacker = newAddress()
    const statuses: number[] = []
    for (let i = 0; i < 5; i++)
      statuses.push((await login(shop.serverUrl, "customer", email, `wrong-${i}`, attacker)).status)
    expect(statuses).toEqual([401, 401, 401, 401, 401])
    expectThrottled(await login(shop.serverUrl, "customer", email, "wrong-6", attacker))
    // Counted in Redis: the other replica refuses the same address too, even the right password.
    expectThrottled(await login(replica.url, "customer", email, password, attacker))
    // The owner, elsewhere, logs in on either replica.
    expect((await login(replica.url, "customer", email, password, newAddress())).status).toBe(200)
    expect((await login(shop.serverUrl, "customer", email, password, newAddress())).status).toBe(200)
  })

  it("lets no more than 5 of a burst of parallel guesses through, across both replicas", async () => {
    const email = `burst-${Date.now()}@example.dk`
    await registerCustomer(shop, email, password, { "x-forwarded-for": newAddress() })
    const attacker = newAddress()
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        login(i % 2 ? replica.url : shop.serverUrl, "customer", email, `wrong-${i}`, attacker)
      )
    )
    const statuses = burst.map((answer) => answer.status).sort()
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)])
  })

  it("stops a staff account being guessed the same way, and lets staff in from elsewhere", async () => {
    const attacker = newAddress()
    for (let i = 0; i < 5; i++) {
      expect((await login(shop.serverUrl, "user", shop.admin.email, `wrong-${i}`, attacker)).status).toBe(401)
    }
    expectThrottled(await login(replica.url, "user", shop.admin.email, shop.admin.password, attacker))
    expect((await login(shop.serverUrl, "user", shop.admin.email, shop.admin.password, newAddress())).status).toBe(200)
  })

  it("stops one address trying many accounts after 20 failures", async () => {
    const stuffer = newAddress()
    const statuses: number[] = []
    for (let i = 0; i < 20; i++) {
      statuses.push(
        (await login(shop.serverUrl, "customer", `nobody-${i}-${Date.now()}@example.dk`, "x", stuffer)).status
      )
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(20)
    expectThrottled(await login(replica.url, "customer", `fresh-${Date.now()}@example.dk`, "x", stuffer))
  })

  it("stops new addresses on an account attacked from 50, never an address its owner logged in from", async () => {
    const email = `target-${Date.now()}@example.dk`
    await registerCustomer(shop, email, password, { "x-forwarded-for": newAddress() })
    const home = newAddress()
    expect((await login(shop.serverUrl, "customer", email, password, home)).status).toBe(200)
    for (let i = 0; i < 50; i++) {
      expect(
        (await login(i % 2 ? replica.url : shop.serverUrl, "customer", email, "wrong", `203.0.113.${i + 1}`)).status
      ).toBe(401)
    }
    expectThrottled(await login(shop.serverUrl, "customer", email, password, newAddress()))
    expect((await login(shop.serverUrl, "customer", email, password, home)).status).toBe(200)
  })

  it("stops password-reset requests for an account from one address after 5", async () => {
    const email = `reset-${Date.now()}@example.dk`
    await registerCustomer(shop, email, password, { "x-forwarded-for": newAddress() })
    const address = newAddress()
    const path = "/auth/customer/emailpass/reset-password"
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await post(shop.serverUrl, path, { identifier: email }, address)).status)
    expect(statuses.every((s) => s >= 200 && s < 300)).toBe(true)
    expectThrottled(await post(replica.url, path, { identifier: email }, address))
    expect((await post(shop.serverUrl, path, { identifier: email }, newAddress())).status).toBeLessThan(300)
  })
})
