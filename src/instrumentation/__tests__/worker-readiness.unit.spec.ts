import type { IncomingMessage, ServerResponse } from "node:http"
import { installWorkerReadiness } from "../worker-readiness"

// Stands in for the module `medusa start` reads its request hook from (the canary checks the real one's shape).
let startCommand: { traceRequestHandler?: Hook } = { traceRequestHandler: undefined }
const hooked = {
  get startCommand() {
    return startCommand
  },
}

type Hook = (handler: () => Promise<void>, req: IncomingMessage, res: ServerResponse, path?: string) => Promise<void>

describe("installWorkerReadiness", () => {
  beforeEach(() => {
    startCommand = { traceRequestHandler: undefined }
  })

  it("installs nothing outside worker mode, so the server's requests take Medusa's usual path", () => {
    expect(installWorkerReadiness({ MEDUSA_WORKER_MODE: "server" }, hooked)).toBe(false)
    expect(installWorkerReadiness({}, hooked)).toBe(false)
    expect(startCommand.traceRequestHandler).toBeUndefined()
  })

  it("in worker mode hooks the start command and passes other requests on to Medusa", async () => {
    expect(installWorkerReadiness({ MEDUSA_WORKER_MODE: "worker" }, hooked)).toBe(true)
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
    const tracer = (async (handler: () => Promise<void>) => {
      seen.push("tracer")
      await handler()
    }) as Hook
    startCommand = { traceRequestHandler: tracer }
    installWorkerReadiness({ MEDUSA_WORKER_MODE: "worker" }, hooked)
    await (startCommand.traceRequestHandler as Hook)(
      async () => void seen.push("medusa"),
      { method: "POST", url: "/health/ready" } as IncomingMessage,
      {} as ServerResponse
    )
    expect(seen).toEqual(["tracer", "medusa"])
  })

  it("logs one line and sets nothing when the start command has no request hook to set", () => {
    const lines: string[] = []
    const changed = {}
    expect(
      installWorkerReadiness({ MEDUSA_WORKER_MODE: "worker" }, { startCommand: changed, log: (l) => lines.push(l) })
    ).toBe(true)
    expect(changed).toEqual({})
    expect(lines).toEqual([
      "[internals] medusa start's traceRequestHandler has changed: expected @medusajs/medusa/commands/start exports a writable traceRequestHandler; found no traceRequestHandler export. Falling back: the worker answers no /health/ready, so Railway's healthcheck keeps the previous worker (docs/upgrading-medusa.md)",
    ])
  })

  it("sets nothing on a start command whose hook is read-only", () => {
    const readOnly = Object.defineProperty({}, "traceRequestHandler", {
      value: undefined,
      writable: false,
      enumerable: true,
    })
    const lines: string[] = []
    installWorkerReadiness({ MEDUSA_WORKER_MODE: "worker" }, { startCommand: readOnly, log: (l) => lines.push(l) })
    expect(lines[0]).toContain("found a traceRequestHandler export that cannot be set")
  })
})
