import { MemoryCounterStore } from "../counter-store"
import { AuthThrottle, type Attempt } from "../throttle"

const LIMITS = { perAccountAndAddress: 3, perAddress: 5, perAccount: 6, windowSeconds: 60 }

function throttleAt() {
  let now = 0
  const throttle = new AuthThrottle(new MemoryCounterStore(() => now), LIMITS)
  return { throttle, advance: (seconds: number) => (now += seconds * 1000) }
}

const attempt = (account: string | undefined, address: string, actor = "customer"): Attempt => ({
  actor,
  account,
  address,
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

  it("counts emails without regard to case or spaces, and staff and customers apart", async () => {
    const { throttle } = throttleAt()
    await fail(throttle, attempt(" Karen@Example.dk", "203.0.113.1"), 3)
    expect((await throttle.begin(attempt("karen@example.dk", "203.0.113.1"))).allowed).toBe(false)
    expect((await throttle.begin(attempt("karen@example.dk", "203.0.113.1", "user"))).allowed).toBe(true)
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

  it("names the limit that lasts longest when several are reached", async () => {
    const { throttle, advance } = throttleAt()
    await fail(throttle, attempt("other@example.dk", "203.0.113.1"), 2)
    advance(30)
    const guesser = attempt("karen@example.dk", "203.0.113.1")
    await fail(throttle, guesser, 3)
    // Address: 6 attempts with this one, window started 30 s ago; pair: 4, window started now.
    expect(await throttle.begin(guesser)).toEqual({
      allowed: false,
      retryAfterSeconds: 60,
      limit: "account and address",
    })
  })
})
