/**
 * The worker sends the order confirmations, and a production worker refuses
 * to start without an email provider or EMAIL_LOG_ONLY=true
 * (src/config/notification.ts): the IaC file must give it those variables.
 */
import { createRailwayContext, project } from "railway/iac"
import program from "../../.railway/railway"

async function servicesOfIac() {
  const definition = await program(createRailwayContext({ environment: "production", command: "plan" }), project)
  const byName = (name: string) => definition.resources!.find((r: any) => r.name === name) as any
  return { server: byName("server"), worker: byName("worker") }
}

const EMAIL_VARIABLES = ["SENDGRID_API_KEY", "SENDGRID_FROM", "EMAIL_LOG_ONLY"]

describe("email variables in the Infrastructure as Code file (.railway/railway.ts)", () => {
  it("gives the worker SENDGRID_API_KEY, SENDGRID_FROM and EMAIL_LOG_ONLY as shared variables, no literal", async () => {
    const { worker } = await servicesOfIac()
    for (const name of EMAIL_VARIABLES) {
      expect([name, worker.variables[name]]).toEqual([name, { type: "sharedReference", name }])
    }
  })

  it("keeps the SendGrid key off the server, which sends no email", async () => {
    const { server } = await servicesOfIac()
    for (const name of EMAIL_VARIABLES) {
      expect([name, server.variables[name]]).toEqual([name, undefined])
    }
  })
})
