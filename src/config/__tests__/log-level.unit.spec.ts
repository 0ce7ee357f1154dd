import { printsAt } from "../log-level"

describe("printsAt", () => {
  it("prints info lines under Medusa's default level", () => {
    expect(printsAt("info", undefined)).toBe(true)
    expect(printsAt("info", "")).toBe(true)
  })

  it("hides info lines at warn and error, and warnings at error", () => {
    expect(printsAt("info", "warn")).toBe(false)
    expect(printsAt("info", "error")).toBe(false)
    expect(printsAt("warn", "warn")).toBe(true)
    expect(printsAt("warn", "error")).toBe(false)
  })

  it("reads the level case-insensitively", () => {
    expect(printsAt("info", "ERROR")).toBe(false)
    expect(printsAt("info", "Debug")).toBe(true)
  })

  it("prints everything under a level it does not know", () => {
    expect(printsAt("info", "loud")).toBe(true)
  })
})
