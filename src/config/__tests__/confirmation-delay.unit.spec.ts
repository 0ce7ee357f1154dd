import { confirmationDelayMs } from "../confirmation-delay"
import { parseEnv } from "../env"
import { buildConfig } from "../index"

const delayWarnings = (env: Record<string, string>) =>
  buildConfig(env).warnings.filter((w) => w.message.startsWith("ORDER_CONFIRMATION_DELAY_MS"))

describe("ORDER_CONFIRMATION_DELAY_MS", () => {
  it("holds confirmations only when set", () => {
    expect(confirmationDelayMs(parseEnv({}))).toBe(0)
    expect(confirmationDelayMs(parseEnv({ ORDER_CONFIRMATION_DELAY_MS: "4000" }))).toBe(4000)
  })

  it.each([
    ["60001", "ORDER_CONFIRMATION_DELAY_MS: must be at most 60000"],
    ["-5", "ORDER_CONFIRMATION_DELAY_MS: must be at least 0"],
    ["soon", "ORDER_CONFIRMATION_DELAY_MS: must be a whole number"],
  ])("refuses %s with one line naming the variable", (value, message) => {
    expect(() => parseEnv({ ORDER_CONFIRMATION_DELAY_MS: value })).toThrow(message)
  })

  it("makes the processes that send confirmations warn at boot, and only while it is set", () => {
    expect(delayWarnings({ ORDER_CONFIRMATION_DELAY_MS: "4000", MEDUSA_WORKER_MODE: "worker" })).toEqual([
      {
        message:
          "ORDER_CONFIRMATION_DELAY_MS: order confirmations are held 4000 ms before sending; it exists for the fault drills",
        fix: "unset it in a real shop",
      },
    ])
    expect(delayWarnings({ ORDER_CONFIRMATION_DELAY_MS: "4000" })).toHaveLength(1)
    expect(delayWarnings({ ORDER_CONFIRMATION_DELAY_MS: "4000", MEDUSA_WORKER_MODE: "server" })).toEqual([])
    expect(delayWarnings({ MEDUSA_WORKER_MODE: "worker" })).toEqual([])
  })
})
