import { resolveAuthRoute } from "../auth-route"

const OPTIONS = { actors: ["user", "customer"], providers: ["emailpass"] }
const resolve = (url: string) => resolveAuthRoute(url, OPTIONS)

describe("resolveAuthRoute", () => {
  it.each([
    ["/auth/customer/emailpass", "login", "customer"],
    ["/auth/customer/emailpass/", "login", "customer"],
    ["/auth/customer/emailp%61ss", "login", "customer"],
    ["/auth/%63ustomer/emailpass?x=1", "login", "customer"],
    ["/AUTH/user/emailpass", "login", "user"],
    ["/auth/customer/emailpass/register", "register", "customer"],
    ["/auth/customer/emailpass/REGISTER/", "register", "customer"],
    ["/auth/user/emailpass/reset-password", "reset", "user"],
    ["/auth/customer/emailpass/update?token=abc", "update", "customer"],
    ["/auth/customer/emailpass/callback", "callback", "customer"],
  ])("takes %s for a %s attempt of a %s", (url, action, actor) => {
    expect(resolve(url)).toEqual({ kind: "attempt", action, actor, provider: "emailpass" })
  })

  it.each([
    ["/auth/Customer/emailpass", 'There is no login for "Customer"; use one of user, customer'],
    ["/auth/vendor/emailpass/register", 'There is no login for "vendor"; use one of user, customer'],
    ["/auth/customer/EmailPass", 'There is no auth provider "EmailPass"; use one of emailpass'],
    ["/auth/customer/no-such-provider", 'There is no auth provider "no-such-provider"; use one of emailpass'],
    ["/auth/customer/email%2Fpass", 'There is no auth provider "email/pass"; use one of emailpass'],
  ])("answers %s as unknown", (url, message) => {
    expect(resolve(url)).toEqual({ kind: "unknown", message })
  })

  it.each([
    "/auth/session",
    "/auth/token/refresh",
    "/auth/mfa/factors",
    "/auth/mfa/challenges/ch_1/verify",
    "/auth/verification/confirm",
    "/auth/emailpass/user",
    "/auth/customer/emailpass/nothing-here",
    "/auth/customer//emailpass",
    "/auth/customer/emailpass/register/extra",
    "/auth/customer/%E0%A4%A",
  ])("leaves %s to Medusa", (url) => {
    expect(resolve(url)).toEqual({ kind: "other" })
  })

  it("leaves the admin's GET /auth/user/providers to Medusa, and takes a POST there for a login", () => {
    expect(resolveAuthRoute("/auth/user/providers", OPTIONS, "GET")).toEqual({ kind: "other" })
    expect(resolveAuthRoute("/auth/customer/providers/", OPTIONS, "HEAD")).toEqual({ kind: "other" })
    expect(resolveAuthRoute("/auth/user/providers", OPTIONS, "POST")).toEqual({
      kind: "unknown",
      message: 'There is no auth provider "providers"; use one of emailpass',
    })
  })

  it("is not about paths outside /auth", () => {
    expect(resolve("/store/products")).toBeUndefined()
    expect(resolve("/authors/customer/emailpass")).toBeUndefined()
  })

  it("keeps a long unknown name out of its message", () => {
    const result = resolve(`/auth/${"x".repeat(5_000)}/emailpass`)
    expect(result?.kind).toBe("unknown")
    expect((result as { message: string }).message.length).toBeLessThan(120)
  })
})
