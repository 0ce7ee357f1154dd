/**
 * Password guessing is throttled on the built server in production mode,
 * counted in Redis across two server replicas. Each "address" is a client
 * address in X-Forwarded-For, as Railway's edge proxy sends it (Medusa
 * trusts one proxy in production). Limits are the defaults: 5 failures per
 * account and address, 20 per address, 50 per account, in 15 minutes.
 */
import { request as httpRequest } from "node:http"
import { registerCustomer } from "../e2e/lib/customers"
import { startServerReplica, type Replica } from "../e2e/lib/replica"
import { runningShop } from "../e2e/lib/shop"
import { answerOf, storefrontLogin, type Answer } from "./lib/storefront"

jest.setTimeout(4 * 60 * 1000)

const shop = runningShop()
const WINDOW_SECONDS = 900
let replica: Replica
let addressCounter = 0
/** A TEST-NET address no other test uses. */
const newAddress = () => `198.51.100.${(addressCounter += 1)}`

async function post(server: string, path: string, body: object, address: string): Promise<Answer> {
  const response = await fetch(`${server}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify(body),
  })
  return answerOf(response)
}

/**
 * A request sent with node:http, which keeps the path exactly as written and sends a JSON body with any method
 * (fetch refuses a body on GET and HEAD).
 */
function raw(method: string, path: string, body: object, address: string): Promise<Answer> {
  const payload = JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${shop.serverUrl}${path}`,
      {
        method,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
          "x-forwarded-for": address,
        },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on("data", (chunk) => chunks.push(chunk))
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString()
          resolve({
            status: response.statusCode ?? 0,
            body: text && response.headers["content-type"]?.includes("json") ? JSON.parse(text) : text,
            retryAfter: (response.headers["retry-after"] as string | undefined) ?? null,
          })
        })
      }
    )
    request.on("error", reject)
    request.end(payload)
  })
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

describe("every way to try a password", () => {
  const password = "lavender-night-cream-7"
  let attackerCounter = 0
  /** TEST-NET-1 addresses, apart from the tests above. */
  const attackerAddress = () => `192.0.2.${(attackerCounter += 1)}`
  const account = async (tag: string) => {
    const email = `${tag}-${Date.now()}@example.dk`
    await registerCustomer(shop, email, password, { "x-forwarded-for": attackerAddress() })
    return email
  }

  type Way = (email: string, guess: string, address: string) => Promise<Answer>
  const ways: Array<[string, Way]> = [
    [
      "POST /auth/customer/emailpass",
      (email, guess, at) => raw("POST", "/auth/customer/emailpass", { email, password: guess }, at),
    ],
    [
      "GET with a JSON body",
      (email, guess, at) => raw("GET", "/auth/customer/emailpass", { email, password: guess }, at),
    ],
    [
      "HEAD with a JSON body",
      (email, guess, at) => raw("HEAD", "/auth/customer/emailpass", { email, password: guess }, at),
    ],
    [
      "a percent-encoded provider",
      (email, guess, at) => raw("POST", "/auth/customer/emailp%61ss", { email, password: guess }, at),
    ],
    [
      "upper case and a trailing slash",
      (email, guess, at) => raw("POST", "/AUTH/customer/emailpass/", { email, password: guess }, at),
    ],
    [
      "the staff actor for a customer's email",
      (email, guess, at) => raw("POST", "/auth/user/emailpass", { email, password: guess }, at),
    ],
    [
      "register for the same email",
      (email, guess, at) => raw("POST", "/auth/customer/emailpass/register", { email, password: guess }, at),
    ],
    [
      "reset-password for the same email",
      (email, _guess, at) => raw("POST", "/auth/customer/emailpass/reset-password", { identifier: email }, at),
    ],
  ]

  it.each(ways)("refuses the 6th attempt for one account from one address through %s", async (_way, attempt) => {
    const email = await account("way")
    const attacker = attackerAddress()
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await attempt(email, `wrong-${i}`, attacker)).status)
    expect(statuses.filter((status) => status === 429)).toEqual([])
    const sixth = await attempt(email, password, attacker)
    expect(sixth.status).toBe(429)
    expect(Number(sixth.retryAfter)).toBeGreaterThan(WINDOW_SECONDS - 120)
    // The owner, elsewhere, still logs in.
    expect((await login(shop.serverUrl, "customer", email, password, attackerAddress())).status).toBe(200)
  })

  it("answers an actor type or provider the shop does not have with 404, without trying a password", async () => {
    const email = await account("unknown")
    const attacker = attackerAddress()
    for (const path of ["/auth/superuser/emailpass", "/auth/Customer/emailpass", "/auth/customer/EmailPass"]) {
      for (let i = 0; i < 6; i++) {
        const answer = await raw("POST", path, { email, password: `wrong-${i}` }, attacker)
        expect(answer.status).toBe(404)
        expect(answer.body).toMatchObject({ type: "not_found" })
      }
    }
    // None of those counted: the same address still has its 5 tries.
    expect((await login(shop.serverUrl, "customer", email, password, attacker)).status).toBe(200)
  })

  it("lets 5 of 60 parallel guesses through and leaves the owner able to log in from another address", async () => {
    const email = await account("burst60")
    const attacker = attackerAddress()
    const burst = await Promise.all(
      Array.from({ length: 60 }, (_, i) => login(shop.serverUrl, "customer", email, `wrong-${i}`, attacker))
    )
    const statuses = burst.map((answer) => answer.status).sort()
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(55).fill(429)])
    expect((await login(shop.serverUrl, "customer", email, password, attackerAddress())).status).toBe(200)
  })

  it("counts IPv6 clients by their /64", async () => {
    const statuses: number[] = []
    for (let i = 1; i <= 20; i++) {
      const answer = await login(
        shop.serverUrl,
        "customer",
        `v6-${i}-${Date.now()}@example.dk`,
        "x",
        `2001:db8:20:1::${i}`
      )
      statuses.push(answer.status)
    }
    expect(statuses.filter((status) => status === 401)).toHaveLength(20)
    expectThrottled(
      await login(shop.serverUrl, "customer", `v6-${Date.now()}@example.dk`, "x", "2001:db8:20:1:ffff::1")
    )
    expect(
      (await login(shop.serverUrl, "customer", `v6-${Date.now()}@example.dk`, "x", "2001:db8:20:2::1")).status
    ).toBe(401)
  })
})

describe("behind a server-side storefront", () => {
  const password = "cucumber-eye-gel-3"
  const account = async (tag: string, address: string) => {
    const email = `${tag}-${Date.now()}@example.dk`
    await registerCustomer(shop, email, password, { "x-forwarded-for": address })
    return email
  }

  it("with its secret: one shopper guessing account A is stopped, B and A's owner log in through the same storefront", async () => {
    const storefront = "192.0.2.200"
    const a = await account("sf-secret-a", "192.0.2.201")
    const b = await account("sf-secret-b", "192.0.2.202")
    const statuses: number[] = []
    for (let i = 0; i < 25; i++) {
      statuses.push(
        (await storefrontLogin(shop, storefront, { kind: "secret", shopper: "192.0.2.203" }, a, `wrong-${i}`)).status
      )
    }
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(20).fill(429)])
    expect(
      (await storefrontLogin(shop, storefront, { kind: "secret", shopper: "192.0.2.204" }, b, password)).status
    ).toBe(200)
    expect(
      (await storefrontLogin(shop, storefront, { kind: "secret", shopper: "192.0.2.205" }, a, password)).status
    ).toBe(200)
  })

  it("ignores a shopper address from a server that has neither the secret nor a trusted address", async () => {
    const a = await account("sf-forged", "192.0.2.210")
    const forger = "192.0.2.211"
    for (let i = 0; i < 5; i++) {
      const shopper = `192.0.2.${220 + i}`
      expect((await storefrontLogin(shop, forger, { kind: "address", shopper }, a, `wrong-${i}`)).status).toBe(401)
    }
    expect((await storefrontLogin(shop, forger, { kind: "address", shopper: "192.0.2.230" }, a, password)).status).toBe(
      429
    )
  })

  it("from its trusted network, naming no shopper: A is stopped through it, B logs in through it, A's owner with their address", async () => {
    const storefront = "198.18.0.10" // in the drills' STOREFRONT_ADDRESSES
    const a = await account("sf-net-a", "192.0.2.240")
    const b = await account("sf-net-b", "192.0.2.241")
    const statuses: number[] = []
    for (let i = 0; i < 25; i++) {
      statuses.push((await storefrontLogin(shop, storefront, { kind: "nothing" }, a, `wrong-${i}`)).status)
    }
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(20).fill(429)])
    // Many customers behind it: failures for other accounts never stop the next customer.
    for (let i = 0; i < 25; i++) {
      expect(
        (await storefrontLogin(shop, storefront, { kind: "nothing" }, `nobody-${i}-${Date.now()}@example.dk`, "x"))
          .status
      ).toBe(401)
    }
    expect((await storefrontLogin(shop, storefront, { kind: "nothing" }, b, password)).status).toBe(200)
    // A through the storefront waits out the window; named by its own address, A's owner is in now.
    expect((await storefrontLogin(shop, storefront, { kind: "nothing" }, a, password)).status).toBe(429)
    expect(
      (await storefrontLogin(shop, storefront, { kind: "address", shopper: "192.0.2.242" }, a, password)).status
    ).toBe(200)
  })
})
