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

async function fail(throttle: AuthThrottle, a: Attempt, times: number) {
  for (let i = 0; i < times; i++) await throttle.recordFailure(a)
}

describe("AuthThrottle", () => {
  it("stops one address guessing one account after the per-account-and-address limit, until the window ends", async () => {
    const { throttle, advance } = throttleAt()
    const guesser = attempt("karen@example.dk", "203.0.113.1")
    await fail(throttle, guesser, 2)
    expect(await throttle.check(guesser)).toEqual({ allowed: true })
    await fail(throttle, guesser, 1)
    expect(await throttle.check(guesser)).toEqual({
      allowed: false,
      retryAfterSeconds: 60,
      limit: "account and address",
    })
    advance(45)
    expect(await throttle.check(guesser)).toMatchObject({ allowed: false, retryAfterSeconds: 15 })
    advance(15)
    expect(await throttle.check(guesser)).toEqual({ allowed: true })
  })

  it("lets the owner in from another address while one address is stopped", async () => {
    const { throttle } = throttleAt()
    await fail(throttle, attempt("karen@example.dk", "203.0.113.1"), 3)
    expect(await throttle.check(attempt("karen@example.dk", "198.51.100.7"))).toEqual({ allowed: true })
  })

  it("counts emails without regard to case or spaces, and staff and customers apart", async () => {
    const { throttle } = throttleAt()
    await fail(throttle, attempt(" Karen@Example.dk", "203.0.113.1"), 3)
    expect((await throttle.check(attempt("karen@example.dk", "203.0.113.1"))).allowed).toBe(false)
    expect((await throttle.check(attempt("karen@example.dk", "203.0.113.1", "user"))).allowed).toBe(true)
  })

  it("stops one address trying many accounts after the per-address limit", async () => {
    const { throttle } = throttleAt()
    for (let i = 0; i < 5; i++) await throttle.recordFailure(attempt(`user${i}@example.dk`, "203.0.113.9"))
    expect(await throttle.check(attempt("someone-new@example.dk", "203.0.113.9"))).toMatchObject({
      allowed: false,
      limit: "address",
    })
    expect(await throttle.check(attempt(undefined, "203.0.113.9"))).toMatchObject({ allowed: false, limit: "address" })
  })

  it("stops new addresses on an account under a distributed attack, but never an address the owner logged in from", async () => {
    const { throttle } = throttleAt()
    const owner = attempt("karen@example.dk", "198.51.100.7")
    await throttle.recordSuccess(owner)
    for (let i = 0; i < 6; i++) await throttle.recordFailure(attempt("karen@example.dk", `203.0.113.${i}`))
    expect(await throttle.check(attempt("karen@example.dk", "192.0.2.50"))).toMatchObject({
      allowed: false,
      limit: "account",
    })
    expect(await throttle.check(owner)).toEqual({ allowed: true })
  })

  it("clears an address's failures for the account when it logs in", async () => {
    const { throttle } = throttleAt()
    const customer = attempt("karen@example.dk", "203.0.113.1")
    await fail(throttle, customer, 2)
    await throttle.recordSuccess(customer)
    await fail(throttle, customer, 2)
    expect(await throttle.check(customer)).toEqual({ allowed: true })
  })

  it("names the limit that lasts longest when several are reached", async () => {
    const { throttle, advance } = throttleAt()
    const guesser = attempt("karen@example.dk", "203.0.113.1")
    await fail(throttle, attempt("other@example.dk", "203.0.113.1"), 2)
    advance(30)
    await fail(throttle, guesser, 3)
    // Address: 5 failures, window started 30 s ago; pair: 3, window started now.
    expect(await throttle.check(guesser)).toEqual({
      allowed: false,
      retryAfterSeconds: 60,
      limit: "account and address",
    })
  })
})
