import {
  configuredEmailProvider,
  confirmationRecord,
  isRealEmailProvider,
  planOrderConfirmation,
  unsentLabel,
} from "../confirmation-record"

const logged = { status: "success", provider_id: "email-log" }
const sentBySendgrid = { status: "success", provider_id: "sendgrid" }
const failed = { status: "failure", provider_id: "sendgrid" }
const pending = { status: "pending", provider_id: "sendgrid" }

describe("confirmationRecord", () => {
  it("counts a success at a real provider as sent", () => {
    expect(confirmationRecord([sentBySendgrid])).toEqual({ sent: true, loggedOnly: false, unfinished: 0, attempts: 1 })
  })

  it("does not count a success at the email-log provider as sent: it was only logged", () => {
    expect(confirmationRecord([logged])).toEqual({ sent: false, loggedOnly: true, unfinished: 0, attempts: 1 })
  })

  it("counts failed and pending rows as unfinished attempts, and a later real success as sent", () => {
    expect(confirmationRecord([failed, pending])).toEqual({
      sent: false,
      loggedOnly: false,
      unfinished: 2,
      attempts: 2,
    })
    expect(confirmationRecord([logged, failed, sentBySendgrid])).toEqual({
      sent: true,
      loggedOnly: false,
      unfinished: 1,
      attempts: 3,
    })
  })

  it("treats any provider but email-log as real, and no provider as not real", () => {
    expect(isRealEmailProvider("sendgrid")).toBe(true)
    expect(isRealEmailProvider("recording-email")).toBe(true)
    expect(isRealEmailProvider("email-log")).toBe(false)
    expect(isRealEmailProvider(null)).toBe(false)
  })
})

describe("planOrderConfirmation", () => {
  const none = confirmationRecord([])
  const order = { email: "karen@example.dk" }

  it("sends the first confirmation as attempt 1, whichever provider is on", () => {
    expect(planOrderConfirmation(order, { ...none, provider: "email-log" })).toEqual({ outcome: "send", attempt: 1 })
    expect(planOrderConfirmation(order, { ...none, provider: "sendgrid" })).toEqual({ outcome: "send", attempt: 1 })
  })

  it("logs a confirmation once while there is no email provider", () => {
    expect(planOrderConfirmation(order, { ...confirmationRecord([logged]), provider: "email-log" }).outcome).toBe(
      "already-logged"
    )
  })

  it("sends a logged-only confirmation through a real provider under the next key", () => {
    expect(planOrderConfirmation(order, { ...confirmationRecord([logged]), provider: "sendgrid" })).toEqual({
      outcome: "send",
      attempt: 2,
      after: "logged-only",
    })
  })

  it("never sends again once a real provider took it, not even through another one", () => {
    expect(
      planOrderConfirmation(order, { ...confirmationRecord([logged, sentBySendgrid]), provider: "sendgrid" }).outcome
    ).toBe("already-sent")
    expect(
      planOrderConfirmation(order, { ...confirmationRecord([sentBySendgrid]), provider: "email-log" }).outcome
    ).toBe("already-sent")
  })

  it("retries after unfinished attempts under a key no attempt used", () => {
    expect(
      planOrderConfirmation(order, { ...confirmationRecord([failed, pending]), provider: "sendgrid" })
    ).toMatchObject({
      outcome: "send",
      attempt: 3,
      after: "unfinished",
    })
  })

  it("sends nothing to an order without an email address", () => {
    expect(planOrderConfirmation({ email: null }, { ...none, provider: "sendgrid" }).outcome).toBe("no-email")
  })
})

describe("unsentLabel", () => {
  it("says whether the confirmation was only logged or never finished", () => {
    expect(unsentLabel(confirmationRecord([logged]))).toBe("only logged (no email provider then)")
    expect(unsentLabel(confirmationRecord([failed]))).toBe("not sent (1 unfinished attempt)")
    expect(unsentLabel(confirmationRecord([failed, pending]))).toBe("not sent (2 unfinished attempts)")
    expect(unsentLabel(confirmationRecord([logged, failed]))).toBe(
      "only logged (no email provider then), 1 unfinished attempt since"
    )
  })
})

describe("configuredEmailProvider", () => {
  it("finds the provider of the email channel in the loaded configuration", () => {
    const providers = [
      { id: "local", options: { channels: ["feed"] } },
      { id: "sendgrid", options: { channels: ["email"] } },
    ]
    expect(configuredEmailProvider({ modules: { notification: { options: { providers } } } })).toBe("sendgrid")
    expect(configuredEmailProvider({ modules: {} })).toBeUndefined()
  })
})
