import { maskEmail } from "../mask-email"

describe("maskEmail", () => {
  it("keeps the first letter and the domain only", () => {
    expect(maskEmail("karen@example.dk")).toBe("k***@example.dk")
    expect(maskEmail(undefined)).toBe("(no email)")
  })
})
