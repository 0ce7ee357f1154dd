import { ResponseCache, sizeOf, type CachedResponse } from "../response-cache"

const answer = (text: string): CachedResponse => ({
  body: Buffer.from(text),
  headers: { "content-type": "text/plain" },
})

function cacheAt(
  options: {
    maxAgeMs?: number
    unconfirmedMaxAgeMs?: number
    maxBytes?: number
    maxEntries?: number
    maxInFlight?: number
  } = {}
) {
  let now = 1_000
  const cache = new ResponseCache({
    maxAgeMs: options.maxAgeMs ?? 500,
    unconfirmedMaxAgeMs: options.unconfirmedMaxAgeMs,
    maxBytes: options.maxBytes ?? 64 * 1024,
    maxEntries: options.maxEntries,
    maxInFlight: options.maxInFlight,
    maxKeyBytes: 100,
    now: () => now,
    sweepEveryMs: 0,
  })
  return { cache, advance: (ms: number) => (now += ms) }
}

describe("ResponseCache", () => {
  it("gives a stored answer until its TTL has passed, then nothing", () => {
    const { cache, advance } = cacheAt({ maxAgeMs: 500 })
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
    const { cache, advance } = cacheAt({ maxAgeMs: 500 })
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

  it("drops the oldest answers when keys, headers and bodies exceed maxBytes", () => {
    const one = sizeOf("a", answer("aaaa"))
    const { cache } = cacheAt({ maxBytes: 2 * one + 1 })
    cache.begin("a")(answer("aaaa"))
    cache.begin("b")(answer("bbbb"))
    cache.begin("c")(answer("cccc"))
    expect(cache.get("a")).toBeUndefined()
    expect(cache.get("b")?.body.toString()).toBe("bbbb")
    expect(cache.get("c")?.body.toString()).toBe("cccc")
    expect(cache.bytes).toBe(2 * one)
  })

  it("counts a key's bytes: long keys fill it as much as long bodies", () => {
    expect(sizeOf("k".repeat(90), answer("x")) - sizeOf("k", answer("x"))).toBe(89)
    expect(sizeOf("k", { body: Buffer.from("x"), headers: { etag: "W/123" } }) - sizeOf("k", answer("x"))).toBe(
      "etag".length + "W/123".length - "content-type".length - "text/plain".length
    )
  })

  it("keeps at most maxEntries answers, dropping the oldest", () => {
    const { cache } = cacheAt({ maxEntries: 3 })
    for (const key of ["a", "b", "c", "d", "e"]) cache.begin(key)(answer(key))
    expect(cache.size).toBe(3)
    expect(cache.get("b")).toBeUndefined()
    expect(cache.get("e")?.body.toString()).toBe("e")
  })

  it("neither keeps nor shares an answer under a key longer than maxKeyBytes", () => {
    const { cache } = cacheAt()
    const long = "k".repeat(101)
    expect(cache.accepts(long)).toBe(false)
    cache.begin(long)(answer("x"))
    expect(cache.inFlight(long)).toBeUndefined()
    expect(cache.get(long)).toBeUndefined()
    expect(cache.size).toBe(0)
  })

  it("shares no more than maxInFlight computations at once", () => {
    const { cache } = cacheAt({ maxInFlight: 2 })
    cache.begin("a")
    cache.begin("b")
    cache.begin("c")(answer("c"))
    expect(cache.inFlightCount).toBe(2)
    expect(cache.inFlight("c")).toBeUndefined()
    expect(cache.get("c")).toBeUndefined()
  })

  it("sweeps expired answers whose keys never come back", () => {
    const { cache, advance } = cacheAt({ maxAgeMs: 500 })
    for (let i = 0; i < 100; i++) cache.begin(`q=${i}`)(answer("x"))
    advance(749)
    cache.sweep()
    expect(cache.size).toBe(100)
    advance(1)
    cache.sweep()
    expect(cache.size).toBe(0)
    expect(cache.bytes).toBe(0)
  })

  it("never keeps an answer larger than maxBytes, nor anything with a TTL of 0", () => {
    const big = cacheAt({ maxBytes: sizeOf("a", answer("four")) - 1 })
    big.cache.begin("a")(answer("four"))
    expect(big.cache.get("a")).toBeUndefined()
    const off = cacheAt({ maxAgeMs: 0 })
    off.cache.begin("a")(answer("x"))
    expect(off.cache.get("a")).toBeUndefined()
  })

  it("replaces an answer stored again under the same key without counting it twice", () => {
    const { cache } = cacheAt()
    cache.begin("a")(answer("12345"))
    cache.begin("a")(answer("123"))
    expect(cache.get("a")?.body.toString()).toBe("123")
    expect(cache.bytes).toBe(sizeOf("a", answer("123")))
    expect(cache.size).toBe(1)
  })

  it("never keeps an answer larger than maxBytes, nor anything with a max age of 0", () => {
    const off = cacheAt({ maxAgeMs: 0 })
    expect(off.cache.enabled).toBe(false)
    expect(off.cache.accepts("a")).toBe(false)
  })
})

describe("ResponseCache invalidation", () => {
  it("drops exactly the entries that carry a tag it names, at once and without a stale answer", () => {
    const { cache } = cacheAt({ maxAgeMs: 60_000 })
    cache.begin("page-a")(answer("a"), ["all", "product:a"])
    cache.begin("page-b")(answer("b"), ["all", "product:b"])
    cache.begin("list")(answer("list"), ["all", "lists"])
    cache.invalidate(["lists", "product:a"])
    expect(cache.get("page-a")).toBeUndefined()
    expect(cache.get("list")).toBeUndefined()
    expect(cache.get("page-b")?.body.toString()).toBe("b")
    cache.begin("page-a")
    expect(cache.stale("page-a")).toBeUndefined()
    expect(cache.size).toBe(1)
    expect(cache.bytes).toBe(sizeOf("page-b", answer("b")) + "all".length + "product:b".length)
  })

  it("drops everything when no tags are named, and counts no bytes afterwards", () => {
    const { cache } = cacheAt({ maxAgeMs: 60_000 })
    cache.begin("a")(answer("a"), ["all"])
    cache.begin("b")(answer("b"), ["lists"])
    cache.invalidate(undefined)
    expect([cache.size, cache.bytes]).toEqual([0, 0])
  })

  it("keeps an entry until it is invalidated, up to its max age", () => {
    const { cache, advance } = cacheAt({ maxAgeMs: 300_000 })
    cache.begin("a")(answer("a"), ["all"])
    advance(299_999)
    expect(cache.get("a")?.body.toString()).toBe("a")
    advance(1)
    expect(cache.get("a")).toBeUndefined()
  })

  it("hands an answer computed across an invalidation to those waiting, but does not keep it", async () => {
    const { cache } = cacheAt({ maxAgeMs: 60_000 })
    const settle = cache.begin("a")
    const waiting = cache.inFlight("a")
    cache.invalidate(["product:x"])
    settle(answer("maybe old"), ["all"])
    expect((await waiting)?.body.toString()).toBe("maybe old")
    expect(cache.get("a")).toBeUndefined()
    cache.begin("a")(answer("new"), ["all"])
    expect(cache.get("a")?.body.toString()).toBe("new")
  })

  it("lives only the unconfirmed age while invalidations may be missed, and drops what it held on each switch", () => {
    const { cache, advance } = cacheAt({ maxAgeMs: 300_000, unconfirmedMaxAgeMs: 500 })
    cache.begin("a")(answer("a"), ["all"])
    cache.confirmInvalidations(false)
    expect(cache.get("a")).toBeUndefined()
    expect(cache.maxAgeMs).toBe(500)
    cache.begin("a")(answer("a2"), ["all"])
    advance(499)
    expect(cache.get("a")?.body.toString()).toBe("a2")
    advance(1)
    expect(cache.get("a")).toBeUndefined()
    cache.begin("a")(answer("a3"), ["all"])
    cache.confirmInvalidations(true)
    expect(cache.get("a")).toBeUndefined()
    cache.begin("a")(answer("a4"), ["all"])
    advance(10_000)
    expect(cache.get("a")?.body.toString()).toBe("a4")
  })
})
