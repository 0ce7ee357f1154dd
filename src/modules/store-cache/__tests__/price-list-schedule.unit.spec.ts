import type { QueryGraph } from "../product-lookup"
import { AFTER_BOUNDARY_MS, PriceListSchedule, nextBoundary } from "../price-list-schedule"

const NOW = Date.parse("2025-06-01T12:00:00.000Z")

describe("nextBoundary", () => {
  it("is undefined when no price list has a time", () => {
    expect(nextBoundary([], NOW)).toBeUndefined()
    expect(nextBoundary([{}, { starts_at: null, ends_at: null }], NOW)).toBeUndefined()
  })

  it("ignores times in the past and the present", () => {
    expect(nextBoundary([{ starts_at: NOW - 1, ends_at: new Date(NOW) }], NOW)).toBeUndefined()
    expect(nextBoundary([{ starts_at: new Date(NOW - 60_000), ends_at: new Date(NOW + 60_000) }], NOW)).toBe(
      NOW + 60_000
    )
  })

  it("ignores a null start and takes the end", () => {
    expect(nextBoundary([{ starts_at: null, ends_at: new Date(NOW + 5_000) }], NOW)).toBe(NOW + 5_000)
  })

  it("picks the earliest start or end of all price lists", () => {
    const lists = [
      { starts_at: new Date(NOW + 30_000), ends_at: new Date(NOW + 90_000) },
      { starts_at: new Date(NOW - 30_000), ends_at: new Date(NOW + 20_000) },
      { starts_at: new Date(NOW + 40_000), ends_at: null },
    ]
    expect(nextBoundary(lists, NOW)).toBe(NOW + 20_000)
  })

  it("picks a start that comes before the same list's end", () => {
    expect(nextBoundary([{ starts_at: new Date(NOW + 1_000), ends_at: new Date(NOW + 2_000) }], NOW)).toBe(NOW + 1_000)
  })

  it("accepts ISO strings as well as dates", () => {
    const lists = [
      { starts_at: new Date(NOW + 10_000).toISOString() },
      { ends_at: new Date(NOW + 7_000).toISOString() },
      { ends_at: new Date(NOW + 8_000) },
    ]
    expect(nextBoundary(lists, NOW)).toBe(NOW + 7_000)
  })

  it("ignores a time that is no date", () => {
    expect(nextBoundary([{ starts_at: "not a date", ends_at: new Date(NOW + 3_000) }], NOW)).toBe(NOW + 3_000)
  })
})

describe("PriceListSchedule", () => {
  const [FIRST_AFTER, SECOND_AFTER] = AFTER_BOUNDARY_MS

  beforeEach(() => {
    jest.useFakeTimers({ now: NOW })
  })

  afterEach(() => {
    jest.useRealTimers()
  })

  /** A graph answering with the price lists `lists()` gives when asked. */
  const graphOf = (lists: () => Array<Record<string, unknown>>) => {
    const query = jest.fn<ReturnType<QueryGraph>, Parameters<QueryGraph>>(async () => ({ data: lists() }))
    return { query, graph: () => query as QueryGraph }
  }

  it("asks for the active price lists' times", async () => {
    const { query, graph } = graphOf(() => [])
    const schedule = new PriceListSchedule(graph, jest.fn(), jest.fn(), () => Date.now())
    await schedule.refresh()
    expect(query).toHaveBeenCalledWith({
      entity: "price_list",
      fields: ["id", "starts_at", "ends_at"],
      filters: { status: ["active"] },
    })
  })

  it("calls onBoundary(at, 0) 50 ms after the boundary and onBoundary(at, 1) 1500 ms after, not before", async () => {
    const at = NOW + 10_000
    const { graph } = graphOf(() => [{ id: "plist_1", starts_at: new Date(at).toISOString(), ends_at: null }])
    const onBoundary = jest.fn()
    const onError = jest.fn()
    const schedule = new PriceListSchedule(graph, onBoundary, onError, () => Date.now())
    await schedule.refresh()

    await jest.advanceTimersByTimeAsync(at - NOW + 49)
    expect(Date.now()).toBe(at + 49)
    expect(onBoundary).not.toHaveBeenCalled()

    await jest.advanceTimersByTimeAsync(1)
    expect(onBoundary).toHaveBeenCalledTimes(1)
    expect(onBoundary).toHaveBeenLastCalledWith(at, 0)

    await jest.advanceTimersByTimeAsync(1_500 - 50 - 1)
    expect(Date.now()).toBe(at + 1_499)
    expect(onBoundary).toHaveBeenCalledTimes(1)

    await jest.advanceTimersByTimeAsync(1)
    expect(onBoundary).toHaveBeenCalledTimes(2)
    expect(onBoundary).toHaveBeenLastCalledWith(at, 1)
    expect(onError).not.toHaveBeenCalled()
    schedule.stop()
  })

  it("reads the price lists again after the last pass and waits for the next boundary", async () => {
    const first = NOW + 10_000
    const second = NOW + 60_000
    const { query, graph } = graphOf(() => [{ id: "plist_1", starts_at: new Date(first), ends_at: new Date(second) }])
    const onBoundary = jest.fn()
    const schedule = new PriceListSchedule(graph, onBoundary, jest.fn(), () => Date.now())
    await schedule.refresh()
    expect(query).toHaveBeenCalledTimes(1)

    await jest.advanceTimersByTimeAsync(first - NOW + SECOND_AFTER)
    expect(query).toHaveBeenCalledTimes(2)
    expect(onBoundary.mock.calls).toEqual([
      [first, 0],
      [first, 1],
    ])

    await jest.advanceTimersByTimeAsync(second - Date.now() + FIRST_AFTER - 1)
    expect(onBoundary).toHaveBeenCalledTimes(2)
    await jest.advanceTimersByTimeAsync(1)
    expect(onBoundary).toHaveBeenLastCalledWith(second, 0)
    schedule.stop()
  })

  it("calls nothing when the refresh finds no future boundary", async () => {
    const { query, graph } = graphOf(() => [
      { id: "plist_past", starts_at: new Date(NOW - 120_000), ends_at: new Date(NOW - 60_000) },
      { id: "plist_open", starts_at: null, ends_at: null },
    ])
    const onBoundary = jest.fn()
    const onError = jest.fn()
    const schedule = new PriceListSchedule(graph, onBoundary, onError, () => Date.now())
    await schedule.refresh()
    expect(jest.getTimerCount()).toBe(0)
    await jest.advanceTimersByTimeAsync(7 * 24 * 3600 * 1000)
    expect(onBoundary).not.toHaveBeenCalled()
    expect(onError).not.toHaveBeenCalled()
    expect(query).toHaveBeenCalledTimes(1)
  })

  it("looks again after 6 hours at a boundary further away than that, and calls nothing before it", async () => {
    const at = NOW + 30 * 24 * 3600 * 1000
    const { query, graph } = graphOf(() => [{ id: "plist_1", starts_at: new Date(at) }])
    const onBoundary = jest.fn()
    const schedule = new PriceListSchedule(graph, onBoundary, jest.fn(), () => Date.now())
    await schedule.refresh()
    await jest.advanceTimersByTimeAsync(6 * 3600 * 1000 - 1)
    expect(query).toHaveBeenCalledTimes(1)
    await jest.advanceTimersByTimeAsync(1)
    expect(query).toHaveBeenCalledTimes(2)
    expect(onBoundary).not.toHaveBeenCalled()
    schedule.stop()
  })

  it("cancels the pending timers on stop()", async () => {
    const at = NOW + 10_000
    const { query, graph } = graphOf(() => [{ id: "plist_1", ends_at: new Date(at) }])
    const onBoundary = jest.fn()
    const schedule = new PriceListSchedule(graph, onBoundary, jest.fn(), () => Date.now())
    await schedule.refresh()
    expect(jest.getTimerCount()).toBe(AFTER_BOUNDARY_MS.length)

    schedule.stop()
    expect(jest.getTimerCount()).toBe(0)
    await jest.advanceTimersByTimeAsync(at - NOW + SECOND_AFTER + 60_000)
    expect(onBoundary).not.toHaveBeenCalled()
    expect(query).toHaveBeenCalledTimes(1)
  })

  it("sets no timer when stopped while the price lists were being read", async () => {
    const at = NOW + 10_000
    const { graph } = graphOf(() => [{ id: "plist_1", ends_at: new Date(at) }])
    const onBoundary = jest.fn()
    const schedule = new PriceListSchedule(graph, onBoundary, jest.fn(), () => Date.now())
    const refreshing = schedule.refresh()
    schedule.stop()
    await refreshing
    expect(jest.getTimerCount()).toBe(0)
    await jest.advanceTimersByTimeAsync(at - NOW + SECOND_AFTER)
    expect(onBoundary).not.toHaveBeenCalled()
  })

  it("reads once more when refreshed while reading", async () => {
    const { query, graph } = graphOf(() => [])
    const schedule = new PriceListSchedule(graph, jest.fn(), jest.fn(), () => Date.now())
    const first = schedule.refresh()
    const second = schedule.refresh()
    const third = schedule.refresh()
    expect(second).toBe(first)
    expect(third).toBe(first)
    await first
    await jest.advanceTimersByTimeAsync(0)
    expect(query).toHaveBeenCalledTimes(2)
  })

  it("hands a graph's rejection to onError and sets no timer", async () => {
    const failure = new Error("database away")
    const query = jest.fn(async () => {
      throw failure
    })
    const onBoundary = jest.fn()
    const onError = jest.fn()
    const schedule = new PriceListSchedule(
      () => query as QueryGraph,
      onBoundary,
      onError,
      () => Date.now()
    )
    await expect(schedule.refresh()).resolves.toBeUndefined()
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError).toHaveBeenCalledWith(failure)
    expect(jest.getTimerCount()).toBe(0)
    expect(onBoundary).not.toHaveBeenCalled()
  })

  it("hands a graph that throws at once to onError", async () => {
    const failure = new Error("no query in the container")
    const onError = jest.fn()
    const schedule = new PriceListSchedule(
      () => {
        throw failure
      },
      jest.fn(),
      onError,
      () => Date.now()
    )
    await schedule.refresh()
    expect(onError).toHaveBeenCalledWith(failure)
  })
})
