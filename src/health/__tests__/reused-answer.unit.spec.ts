import { reusedAnswer } from "../reused-answer"

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

describe("reusedAnswer", () => {
  it("runs the check once for callers that arrive while it runs", async () => {
    let runs = 0
    const pending = deferred<string>()
    const shared = reusedAnswer(() => {
      runs += 1
      return pending.promise
    }, 1000)
    const answers = Promise.all([shared(), shared(), shared()])
    pending.resolve("ok")
    expect(await answers).toEqual(["ok", "ok", "ok"])
    expect(runs).toBe(1)
  })

  it("reuses a result younger than freshMs and checks again after", async () => {
    let clock = 0
    let runs = 0
    const shared = reusedAnswer(
      async () => ++runs,
      1000,
      () => clock
    )
    expect(await shared()).toBe(1)
    clock = 999
    expect(await shared()).toBe(1)
    clock = 1000
    expect(await shared()).toBe(2)
  })

  it("keeps no failed run: the next caller checks again", async () => {
    let runs = 0
    const shared = reusedAnswer(async () => {
      runs += 1
      if (runs === 1) throw new Error("database down")
      return "ok"
    }, 1000)
    await expect(shared()).rejects.toThrow("database down")
    expect(await shared()).toBe("ok")
    expect(runs).toBe(2)
  })
})
