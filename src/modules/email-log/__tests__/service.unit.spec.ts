import type { Logger } from "@medusajs/framework/types"
import EmailLogNotificationService from "../service"

function service(options: { show_body?: boolean }) {
  const lines: string[] = []
  const logger = { info: (line: string) => lines.push(line) } as unknown as Logger
  return { provider: new EmailLogNotificationService({ logger }, options), lines }
}

const email = {
  to: "karen@example.dk",
  channel: "email",
  template: "order-confirmation",
  content: { subject: "Tak for din ordre #7", text: "Hej Karen,\n\nTak for din ordre #7." },
  data: { order_id: "order_1" },
}

describe("email-log notification provider", () => {
  it("logs the subject and the masked recipient, never the address itself", async () => {
    const { provider, lines } = service({})
    await expect(provider.send(email)).resolves.toEqual({})
    expect(lines).toEqual([
      'email (not sent, SENDGRID_API_KEY not set): to k***@example.dk, subject "Tak for din ordre #7"',
    ])
    expect(lines.join("\n")).not.toContain("karen@example.dk")
  })

  it("adds the text body when show_body is on (development)", async () => {
    const { provider, lines } = service({ show_body: true })
    await provider.send(email)
    expect(lines[1]).toBe("email body:\nHej Karen,\n\nTak for din ordre #7.")
  })

  it("falls back to the template name when there is no subject", async () => {
    const { provider, lines } = service({})
    await provider.send({ ...email, content: null })
    expect(lines[0]).toMatch(/subject "order-confirmation"$/)
  })
})
