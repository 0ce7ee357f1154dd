import { buildConfig, configProblems } from "../index"
import { notificationSettings } from "../notification"

type Provider = { resolve: string; id: string; options: Record<string, unknown> }
const providersOf = (settings: ReturnType<typeof notificationSettings>) =>
  (settings.module.options as { providers: Provider[] }).providers

const DEV = { production: false, sendsEmail: true }
const WORKER = { production: true, sendsEmail: true }

describe("notificationSettings", () => {
  it("logs emails through the project's email-log provider when SendGrid is not configured, and keeps the admin feed", () => {
    const settings = notificationSettings({}, DEV)
    expect(settings.email).toBe("log")
    expect(providersOf(settings).map((p) => [p.resolve, p.id, p.options.channels])).toEqual([
      ["@medusajs/medusa/notification-local", "local", ["feed"]],
      ["./src/modules/email-log", "email-log", ["email"]],
    ])
    expect(providersOf(settings)[1].options.show_body).toBe(true)
    expect(settings.warnings).toEqual([])
  })

  it("never logs email bodies in production", () => {
    expect(providersOf(notificationSettings({}, WORKER))[1].options.show_body).toBe(false)
  })

  it("warns a production worker that no customer gets an email without SendGrid, with the fix", () => {
    expect(notificationSettings({}, WORKER).warnings).toEqual([
      { message: expect.stringMatching(/^SENDGRID_API_KEY is not set/), fix: expect.stringMatching(/SENDGRID_API_KEY and SENDGRID_FROM/) },
    ])
  })

  it("does not warn a production server, which sends no email", () => {
    expect(notificationSettings({}, { production: true, sendsEmail: false }).warnings).toEqual([])
  })

  it("sends email through SendGrid when the key and sender are set, one provider per channel", () => {
    const settings = notificationSettings({ SENDGRID_API_KEY: "SG.key-value", SENDGRID_FROM: "ordre@beauty-shop.dk" }, WORKER)
    expect(settings.email).toBe("sendgrid")
    const providers = providersOf(settings)
    expect(providers.map((p) => [p.id, p.options.channels])).toEqual([
      ["local", ["feed"]],
      ["sendgrid", ["email"]],
    ])
    expect(providers[1]).toMatchObject({
      resolve: "@medusajs/medusa/notification-sendgrid",
      options: { api_key: "SG.key-value", from: "ordre@beauty-shop.dk" },
    })
    expect(settings.summary).toBe("notifications: emails through SendGrid from ordre@beauty-shop.dk; admin feed on")
    expect(settings.summary).not.toContain("SG.key-value")
  })

  it("refuses a key without a sender, and a sender without a key, naming the missing variable", () => {
    expect(() => notificationSettings({ SENDGRID_API_KEY: "SG.x" }, WORKER)).toThrow(/^SENDGRID_FROM: is required when SENDGRID_API_KEY is set/)
    expect(() => notificationSettings({ SENDGRID_FROM: "ordre@beauty-shop.dk" }, WORKER)).toThrow(/^SENDGRID_API_KEY: is required when SENDGRID_FROM is set/)
  })

  it("refuses a sender that is not an email address", () => {
    expect(() => notificationSettings({ SENDGRID_API_KEY: "SG.x", SENDGRID_FROM: "Beauty Shop" }, DEV)).toThrow(
      'SENDGRID_FROM: must be an email address such as ordre@beauty-shop.dk (got "Beauty Shop")'
    )
  })
})

describe("notifications in the whole configuration", () => {
  it("registers the notification module and says once which email provider is on", () => {
    const built = buildConfig({ SENDGRID_API_KEY: "SG.key-value", SENDGRID_FROM: "ordre@beauty-shop.dk" })
    expect(built.summary).toContain("notifications: emails through SendGrid from ordre@beauty-shop.dk; admin feed on")
    expect(JSON.stringify(built.summary)).not.toContain("SG.key-value")
  })

  it("reports an incomplete SendGrid setup among all configuration problems, without echoing the key", () => {
    const problems = configProblems({ SENDGRID_API_KEY: "SG.very-secret-key" })
    expect(problems.map((p) => p.variable)).toContain("SENDGRID_FROM")
    expect(problems.map((p) => p.message).join("\n")).not.toContain("very-secret-key")
  })
})
