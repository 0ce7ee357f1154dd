import type { AuthAction } from "../auth-route"
import { MemoryCounterStore } from "../counter-store"
import { AuthThrottle, type Attempt } from "../throttle"

const LIMITS = { perAccountAndAddress: 3, perAddress: 5, perAccount: 6, windowSeconds: 60 }

function throttleAt() {
  let now = 0
  const throttle = new AuthThrottle(new MemoryCounterStore(() => now), LIMITS)
  return { throttle, advance: (seconds: number) => (now += seconds * 1000) }
}

const attempt = (account: string | undefined, address: string, action: AuthAction = "login"): Attempt => ({
  action,
  account,
  client: { shared: false, address },
})

/** An attempt from a trusted storefront that named no shopper: its address is every customer's. */
const viaStorefront = (account: string, action: AuthAction = "login"): Attempt => ({
  action,
  account,
  client: { shared: true, address: "10.0.0.5" },
})

/** Attempts that are let through and turn out to be wrong passwords. */
async function fail(throttle: AuthThrottle, a: Attempt, times: number) {
  for (let i = 0; i < times; i++) {
    expect(await throttle.begin(a)).toEqual({ allowed: true })
    await throttle.settle(a, "failure")
  }
}

async function logIn(throttle: AuthThrottle, a: Attempt) {
  expect(await throttle.begin(a)).toEqual({ allowed: true })
  await throttle.settle(a, "success")
}

describe("AuthThrottle", () => {
  it("stops one address guessing one account after the per-account-and-address limit, until the window ends", async () => {
    const { throttle, advance } = throttleAt()
    const guesser = attempt("karen@example.dk", "203.0.113.1")
    await fail(throttle, guesser, 3)
    expect(await throttle.begin(guesser)).toEqual({
      allowed: false,
      retryAfterSeconds: 60,
      limit: "account and address",
    })
    advance(45)
    expect(await throttle.begin(guesser)).toMatchObject({ allowed: false, retryAfterSeconds: 15 })
    advance(15)
    expect(await throttle.begin(guesser)).toEqual({ allowed: true })
  })

  it("lets the owner in from another address while one address is stopped", async () => {
    const { throttle } = throttleAt()
    await fail(throttle, attempt("karen@example.dk", "203.0.113.1"), 3)
    expect(await throttle.begin(attempt("karen@example.dk", "198.51.100.7"))).toEqual({ allowed: true })
  })

  it("counts an email without regard to case or spaces, whatever actor type the path names", async () => {
    const { throttle } = throttleAt()
    await fail(throttle, attempt(" Karen@Example.dk", "203.0.113.1"), 2)
    await fail(throttle, attempt("karen@example.dk", "203.0.113.1", "callback"), 1)
    expect((await throttle.begin(attempt("KAREN@example.dk", "203.0.113.1"))).allowed).toBe(false)
  })

  it("stops one address trying many accounts after the per-address limit", async () => {
    const { throttle } = throttleAt()
    for (let i = 0; i < 5; i++) await fail(throttle, attempt(`user${i}@example.dk`, "203.0.113.9"), 1)
    expect(await throttle.begin(attempt("someone-new@example.dk", "203.0.113.9"))).toMatchObject({
      allowed: false,
      limit: "address",
    })
    expect(await throttle.begin(attempt(undefined, "203.0.113.9"))).toMatchObject({ allowed: false, limit: "address" })
  })

  it("stops new addresses on an account under a distributed attack, but never an address the owner logged in from", async () => {
    const { throttle } = throttleAt()
    const owner = attempt("karen@example.dk", "198.51.100.7")
    await logIn(throttle, owner)
    for (let i = 0; i < 6; i++) await fail(throttle, attempt("karen@example.dk", `203.0.113.${i}`), 1)
    expect(await throttle.begin(attempt("karen@example.dk", "192.0.2.50"))).toMatchObject({
      allowed: false,
      limit: "account",
    })
    expect(await throttle.begin(owner)).toEqual({ allowed: true })
  })

  it("clears an address's failures for the account when it logs in", async () => {
    const { throttle } = throttleAt()
    const customer = attempt("karen@example.dk", "203.0.113.1")
    await fail(throttle, customer, 2)
    await logIn(throttle, customer)
    await fail(throttle, customer, 3)
    expect((await throttle.begin(customer)).allowed).toBe(false)
  })

  it("takes back an attempt that was neither a failure nor a login", async () => {
    const { throttle } = throttleAt()
    const confused = attempt("karen@example.dk", "203.0.113.1")
    for (let i = 0; i < 10; i++) {
      expect(await throttle.begin(confused)).toEqual({ allowed: true })
      await throttle.settle(confused, "neither")
    }
  })

  it("lets no more than the limit through when the attempts arrive all at once", async () => {
    const { throttle } = throttleAt()
    const burst = await Promise.all(
      Array.from({ length: 10 }, () => throttle.begin(attempt("k@example.dk", "203.0.113.1")))
    )
    expect(burst.filter((verdict) => verdict.allowed)).toHaveLength(3)
  })

  it("never counts a refused attempt, so a refused burst leaves the account open to its owner elsewhere", async () => {
    const { throttle } = throttleAt()
    const guess = attempt("k@example.dk", "203.0.113.1")
    const burst = await Promise.all(Array.from({ length: 60 }, () => throttle.begin(guess)))
    await Promise.all(burst.filter((v) => v.allowed).map(() => throttle.settle(guess, "failure")))
    expect(burst.filter((v) => v.allowed)).toHaveLength(3)
    // Account: 3 of 6, address: 3 of 5; a new address for the same account is let through.
    expect(await throttle.begin(attempt("k@example.dk", "198.51.100.7"))).toEqual({ allowed: true })
  })

  it("names the limit that lasts longest when several are reached", async () => {
    const { throttle, advance } = throttleAt()
    await fail(throttle, attempt("other@example.dk", "203.0.113.1"), 2)
    advance(30)
    const guesser = attempt("karen@example.dk", "203.0.113.1")
    await fail(throttle, guesser, 3)
    // Address: 5 of 5, its window started 30 s ago; pair: 3 of 3, started now.
    expect(await throttle.begin(guesser)).toEqual({
      allowed: false,
      retryAfterSeconds: 60,
      limit: "account and address",
    })
  })

  it("counts every registration and reset request, successful or not, each apart from the logins", async () => {
    const { throttle } = throttleAt()
    const registering = attempt("new@example.dk", "203.0.113.1", "register")
    for (let i = 0; i < 3; i++) {
      expect(await throttle.begin(registering)).toEqual({ allowed: true })
      await throttle.settle(registering, "success")
    }
    expect(await throttle.begin(registering)).toMatchObject({ allowed: false, limit: "account and address" })
    const resetting = attempt("karen@example.dk", "203.0.113.2", "reset")
    for (let i = 0; i < 3; i++) {
      expect(await throttle.begin(resetting)).toEqual({ allowed: true })
      await throttle.settle(resetting, "success")
    }
    expect(await throttle.begin(resetting)).toMatchObject({ allowed: false })
    // Reset requests anyone can send never stop the owner's login from that address.
    await logIn(throttle, attempt("karen@example.dk", "203.0.113.2"))
  })

  it("does not let reset requests from many addresses lock the owner's login", async () => {
    const { throttle } = throttleAt()
    for (let i = 0; i < 6; i++) {
      const reset = attempt("karen@example.dk", `203.0.113.${i}`, "reset")
      expect(await throttle.begin(reset)).toEqual({ allowed: true })
      await throttle.settle(reset, "success")
    }
    expect(await throttle.begin(attempt("karen@example.dk", "192.0.2.50", "reset"))).toMatchObject({
      allowed: false,
      limit: "account",
    })
    await logIn(throttle, attempt("karen@example.dk", "192.0.2.50"))
  })

  it("stops one account guessed through a storefront that names no shopper, and no other customer behind it", async () => {
    const { throttle } = throttleAt()
    await fail(throttle, viaStorefront("karen@example.dk"), 3)
    for (let i = 0; i < 20; i++) await fail(throttle, viaStorefront(`shopper${i}@example.dk`), 1)
    expect(await throttle.begin(viaStorefront("karen@example.dk"))).toMatchObject({
      allowed: false,
      limit: "account and address",
    })
    await logIn(throttle, viaStorefront("birgit@example.dk"))
  })

  it("never makes a shared storefront address known to an account", async () => {
    const { throttle } = throttleAt()
    await logIn(throttle, viaStorefront("karen@example.dk"))
    for (let i = 0; i < 6; i++) await fail(throttle, attempt("karen@example.dk", `203.0.113.${i}`), 1)
    expect(await throttle.begin(viaStorefront("karen@example.dk"))).toMatchObject({ allowed: false, limit: "account" })
  })
})
