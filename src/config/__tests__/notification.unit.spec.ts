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
    expect(providersOf(notificationSettings({ EMAIL_LOG_ONLY: true }, WORKER))[1].options.show_body).toBe(false)
  })

  it("refuses a production worker without an email provider, naming both ways out", () => {
    expect(() => notificationSettings({}, WORKER)).toThrow(
      "SENDGRID_API_KEY: a production worker needs an email provider: set SENDGRID_API_KEY and SENDGRID_FROM, or EMAIL_LOG_ONLY=true to log confirmations on purpose (they are recorded as not sent)"
    )
    expect(() => notificationSettings({ EMAIL_LOG_ONLY: false }, WORKER)).toThrow(
      /^SENDGRID_API_KEY: a production worker needs an email provider/
    )
  })

  it("logs on purpose with EMAIL_LOG_ONLY=true, and warns that confirmations are only logged and recorded as not sent", () => {
    const settings = notificationSettings({ EMAIL_LOG_ONLY: true }, WORKER)
    expect(settings.email).toBe("log")
    expect(settings.summary).toBe(
      "notifications: emails are written to the log and recorded as not sent (EMAIL_LOG_ONLY=true); admin feed on"
    )
    expect(settings.warnings).toEqual([
      {
        message:
          "EMAIL_LOG_ONLY=true: order confirmations are only written to the worker's log (recorded as not sent), no customer gets an email",
        fix: expect.stringMatching(/SENDGRID_API_KEY and SENDGRID_FROM .* npm run send-confirmations$/),
      },
    ])
  })

  it("does not require an email provider on a production server, which sends no email, nor warn there", () => {
    expect(notificationSettings({}, { production: true, sendsEmail: false }).warnings).toEqual([])
  })

  it("refuses EMAIL_LOG_ONLY=true together with a SendGrid key, without echoing the key", () => {
    const attempt = () =>
      notificationSettings(
        { EMAIL_LOG_ONLY: true, SENDGRID_API_KEY: "SG.secret-value", SENDGRID_FROM: "ordre@beauty-shop.dk" },
        DEV
      )
    expect(attempt).toThrow(
      "EMAIL_LOG_ONLY: is true while SENDGRID_API_KEY is set: unset EMAIL_LOG_ONLY to send through SendGrid, or unset SENDGRID_API_KEY to only log"
    )
    expect(attempt).not.toThrow(/secret-value/)
  })

  it("sends email through SendGrid when the key and sender are set, one provider per channel", () => {
    const settings = notificationSettings(
      { SENDGRID_API_KEY: "SG.key-value", SENDGRID_FROM: "ordre@beauty-shop.dk" },
      WORKER
    )
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
    expect(() => notificationSettings({ SENDGRID_API_KEY: "SG.x" }, WORKER)).toThrow(
      /^SENDGRID_FROM: is required when SENDGRID_API_KEY is set/
    )
    expect(() => notificationSettings({ SENDGRID_FROM: "ordre@beauty-shop.dk" }, WORKER)).toThrow(
      /^SENDGRID_API_KEY: is required when SENDGRID_FROM is set/
    )
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

  it("refuses to build a production config for a worker or a shared process without an email provider, not for a server", () => {
    const production = {
      NODE_ENV: "production",
      DATABASE_URL: "postgres://u:p@db.example.com:5432/shop",
      REDIS_URL: "redis://cache:6379",
      JWT_SECRET: "j".repeat(40),
      COOKIE_SECRET: "c".repeat(40),
      STORE_CORS: "https://shop.dk",
      ADMIN_CORS: "https://admin.shop.dk",
      AUTH_CORS: "https://admin.shop.dk",
      FILES_LOCAL_ONLY: "true",
    }
    for (const mode of ["worker", "shared"]) {
      expect(() => buildConfig({ ...production, MEDUSA_WORKER_MODE: mode })).toThrow(
        /^SENDGRID_API_KEY: a production worker needs an email provider/
      )
      expect(
        buildConfig({ ...production, MEDUSA_WORKER_MODE: mode, EMAIL_LOG_ONLY: "true" }).warnings.map((w) => w.message)
      ).toContain(
        "EMAIL_LOG_ONLY=true: order confirmations are only written to the worker's log (recorded as not sent), no customer gets an email"
      )
    }
    expect(buildConfig({ ...production, MEDUSA_WORKER_MODE: "server" }).notification.email).toBe("log")
  })

  it("reports a missing email provider in npm run doctor's problems for a worker's variables (or no mode: shared), not for a server's", () => {
    const variablesOf = (env: Record<string, string>) =>
      configProblems({ NODE_ENV: "production", ...env }).map((p) => p.variable)
    expect(variablesOf({ MEDUSA_WORKER_MODE: "worker" })).toContain("SENDGRID_API_KEY")
    expect(variablesOf({})).toContain("SENDGRID_API_KEY")
    expect(variablesOf({ MEDUSA_WORKER_MODE: "server" })).not.toContain("SENDGRID_API_KEY")
    expect(variablesOf({ MEDUSA_WORKER_MODE: "worker", EMAIL_LOG_ONLY: "true" })).not.toContain("SENDGRID_API_KEY")
  })

  it("reports an incomplete SendGrid setup among all configuration problems, without echoing the key", () => {
    const problems = configProblems({ SENDGRID_API_KEY: "SG.very-secret-key" })
    expect(problems.map((p) => p.variable)).toContain("SENDGRID_FROM")
    expect(problems.map((p) => p.message).join("\n")).not.toContain("very-secret-key")
  })
})
