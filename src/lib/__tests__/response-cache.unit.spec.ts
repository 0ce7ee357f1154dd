import { ResponseCache, type CachedResponse } from "../response-cache"

const answer = (text: string): CachedResponse => ({
  body: Buffer.from(text),
  headers: { "content-type": "text/plain" },
})

function cacheAt(options: { ttlMs?: number; maxBytes?: number } = {}) {
  let now = 1_000
  const cache = new ResponseCache({ ttlMs: options.ttlMs ?? 500, maxBytes: options.maxBytes ?? 1024, now: () => now })
  return { cache, advance: (ms: number) => (now += ms) }
}

describe("ResponseCache", () => {
  it("gives a stored answer until its TTL has passed, then nothing", () => {
    const { cache, advance } = cacheAt({ ttlMs: 500 })
    cache.begin("a")(answer("one"))
    advance(499)
    expect(cache.get("a")?.body.toString()).toBe("one")
    advance(1)
    expect(cache.get("a")).toBeUndefined()
    advance(250)
    expect(cache.get("a")).toBeUndefined()
    expect(cache.size).toBe(0)
    expect(cache.bytes).toBe(0)
  })

  it("gives the previous answer while it is recomputed, for at most half a TTL past its expiry", () => {
    const { cache, advance } = cacheAt({ ttlMs: 500 })
    cache.begin("a")(answer("old"))
    advance(500)
    expect(cache.stale("a")).toBeUndefined() // nobody recomputes it yet
    const settle = cache.begin("a")
    expect(cache.stale("a")?.body.toString()).toBe("old")
    advance(249)
    expect(cache.stale("a")?.body.toString()).toBe("old")
    advance(1)
    expect(cache.stale("a")).toBeUndefined()
    settle(answer("new"))
    expect(cache.get("a")?.body.toString()).toBe("new")
    expect(cache.stale("a")).toBeUndefined()
  })

  it("hands the one answer being computed to everyone waiting for the same key", async () => {
    const { cache } = cacheAt()
    const settle = cache.begin("a")
    const waiting = [cache.inFlight("a"), cache.inFlight("a")]
    expect(cache.inFlight("b")).toBeUndefined()
    settle(answer("shared"))
    const answers = await Promise.all(waiting)
    expect(answers.map((a) => a?.body.toString())).toEqual(["shared", "shared"])
    expect(cache.inFlight("a")).toBeUndefined()
  })

  it("stores nothing and tells the waiting to compute their own when the answer is not shareable", async () => {
    const { cache } = cacheAt()
    const settle = cache.begin("a")
    const waiting = cache.inFlight("a")
    settle(undefined)
    await expect(waiting).resolves.toBeUndefined()
    expect(cache.get("a")).toBeUndefined()
  })

  it("ignores a second settle of the same computation", () => {
    const { cache } = cacheAt()
    const settle = cache.begin("a")
    settle(answer("first"))
    settle(answer("second"))
    expect(cache.get("a")?.body.toString()).toBe("first")
  })

  it("drops the oldest answers when the bodies exceed maxBytes", () => {
    const { cache } = cacheAt({ maxBytes: 10 })
    cache.begin("a")(answer("aaaa"))
    cache.begin("b")(answer("bbbb"))
    cache.begin("c")(answer("cccc"))
    expect(cache.get("a")).toBeUndefined()
    expect(cache.get("b")?.body.toString()).toBe("bbbb")
    expect(cache.get("c")?.body.toString()).toBe("cccc")
    expect(cache.bytes).toBe(8)
  })

  it("never keeps a body larger than maxBytes, nor anything with a TTL of 0", () => {
    const big = cacheAt({ maxBytes: 3 })
    big.cache.begin("a")(answer("four"))
    expect(big.cache.get("a")).toBeUndefined()
    const off = cacheAt({ ttlMs: 0 })
    off.cache.begin("a")(answer("x"))
    expect(off.cache.get("a")).toBeUndefined()
  })

  it("replaces an answer stored again under the same key without counting it twice", () => {
    const { cache } = cacheAt()
    cache.begin("a")(answer("12345"))
    cache.begin("a")(answer("123"))
    expect(cache.get("a")?.body.toString()).toBe("123")
    expect(cache.bytes).toBe(3)
    expect(cache.size).toBe(1)
  })
})
