import type { IncomingMessage, ServerResponse } from "node:http"
import { installWorkerReadiness } from "../worker-readiness"

// The module `medusa start` reads its request hook from.
const startCommand = require("@medusajs/medusa/commands/start") as { traceRequestHandler?: unknown }

type Hook = (handler: () => Promise<void>, req: IncomingMessage, res: ServerResponse, path?: string) => Promise<void>

describe("installWorkerReadiness", () => {
  afterEach(() => {
    startCommand.traceRequestHandler = undefined
  })

  it("installs nothing outside worker mode, so the server's requests take Medusa's usual path", () => {
    expect(installWorkerReadiness({ MEDUSA_WORKER_MODE: "server" })).toBe(false)
    expect(installWorkerReadiness({})).toBe(false)
    expect(startCommand.traceRequestHandler).toBeUndefined()
  })

  it("in worker mode hooks the start command and passes other requests on to Medusa", async () => {
    expect(installWorkerReadiness({ MEDUSA_WORKER_MODE: "worker" })).toBe(true)
    const hook = startCommand.traceRequestHandler as Hook
    expect(typeof hook).toBe("function")
    const handled: string[] = []
    await hook(
      async () => void handled.push("medusa"),
      { method: "GET", url: "/health" } as IncomingMessage,
      {} as ServerResponse
    )
    expect(handled).toEqual(["medusa"])
  })

  it("keeps a hook that was there before (tracing) for the requests it does not answer", async () => {
    const seen: string[] = []
    startCommand.traceRequestHandler = (async (handler: () => Promise<void>) => {
      seen.push("tracer")
      await handler()
    }) as Hook
    installWorkerReadiness({ MEDUSA_WORKER_MODE: "worker" })
    await (startCommand.traceRequestHandler as Hook)(
      async () => void seen.push("medusa"),
      { method: "POST", url: "/health/ready" } as IncomingMessage,
      {} as ServerResponse
    )
    expect(seen).toEqual(["tracer", "medusa"])
  })
})
