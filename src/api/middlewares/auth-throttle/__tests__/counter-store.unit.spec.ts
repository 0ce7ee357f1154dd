import { MemoryCounterStore } from "../counter-store"

describe("MemoryCounterStore", () => {
  it("keeps at most its number of counters, dropping the oldest first", async () => {
    const store = new MemoryCounterStore(Date.now, 100)
    for (let i = 0; i < 1_000; i++) await store.reserve([{ key: `k${i}`, limit: 5 }], 60)
    expect(store.size).toBe(100)
    expect(await store.exists("k999")).toBe(true)
    expect(await store.exists("k0")).toBe(false)
  })

  it("sheds expired counters on its own", async () => {
    let now = 0
    const store = new MemoryCounterStore(() => now, 1_000)
    for (let i = 0; i < 50; i++) await store.reserve([{ key: `k${i}`, limit: 5 }], 60)
    now += 61_000
    store.sweep()
    expect(store.size).toBe(0)
  })

  it("changes nothing when one counter is at its limit, and names it", async () => {
    const store = new MemoryCounterStore()
    await store.reserve([{ key: "a", limit: 1 }], 60)
    expect(
      await store.reserve(
        [
          { key: "b", limit: 5 },
          { key: "a", limit: 1 },
        ],
        60
      )
    ).toEqual({
      counted: false,
      refusedBy: 1,
      retryAfterSeconds: 60,
    })
    expect(await store.exists("b")).toBe(false)
    expect(await store.reserve([{ key: "b", limit: Infinity }], 60)).toEqual({ counted: true })
  })
})
