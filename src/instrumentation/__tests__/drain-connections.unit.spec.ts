import { Agent, createServer, request, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { drainOnShutdown } from "../drain-connections"

type Shutdown = Server & { shutdown: () => Promise<void> }

/** A server whose answers take `ms`, with Medusa's habit of assigning its own shutdown after creation. */
function slowServer(ms: number): Shutdown {
  const server = createServer((_req, res) => setTimeout(() => res.end("ok"), ms)) as Shutdown
  drainOnShutdown(server, { idleCloseMs: 300, timeoutMs: 5_000 })
  server.shutdown = async () => {
    throw new Error("Medusa's shutdown ran")
  }
  return server
}

function get(port: number, agent: Agent): Promise<{ status: number; connection?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, agent, path: "/" }, (res) => {
      res.resume()
      res.on("end", () => resolve({ status: res.statusCode!, connection: res.headers.connection }))
    })
    req.on("error", reject)
    req.end()
  })
}

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)))

describe("drainOnShutdown", () => {
  it("lets keep-alive clients under load finish without a reset: answers, then refused connections", async () => {
    const server = slowServer(5)
    const port = await listen(server)
    const agent = new Agent({ keepAlive: true, maxSockets: 8 })
    const outcomes: string[] = []
    let running = true
    const client = async () => {
      while (running) {
        try {
          const answer = await get(port, agent)
          outcomes.push(`${answer.status}${answer.connection === "close" ? " close" : ""}`)
        } catch (error) {
          outcomes.push((error as NodeJS.ErrnoException).code ?? String(error))
          if ((error as NodeJS.ErrnoException).code === "ECONNREFUSED") break
        }
      }
    }
    const clients = Array.from({ length: 8 }, client)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const shutdownStarted = Date.now()
    const shutdown = server.shutdown()
    await Promise.all(clients)
    running = false
    await shutdown
    agent.destroy()

    const kinds = new Set(outcomes)
    expect([...kinds].filter((kind) => !["200", "200 close", "ECONNREFUSED"].includes(kind))).toEqual([])
    expect(outcomes.filter((o) => o === "200").length).toBeGreaterThan(20)
    expect(outcomes).toContain("200 close")
    expect(Date.now() - shutdownStarted).toBeLessThan(2_000)
  })

  it("completes a request in progress at the shutdown, then closes", async () => {
    const server = slowServer(400)
    const port = await listen(server)
    const agent = new Agent({ keepAlive: true })
    const inProgress = get(port, agent)
    await new Promise((resolve) => setTimeout(resolve, 50))
    const shutdown = server.shutdown()
    expect(await inProgress).toEqual({ status: 200, connection: "close" })
    await shutdown
    await expect(get(port, agent)).rejects.toMatchObject({ code: "ECONNREFUSED" })
    agent.destroy()
  })

  it("closes a connection whose client stays silent, so the shutdown ends", async () => {
    const server = slowServer(1)
    const port = await listen(server)
    const agent = new Agent({ keepAlive: true })
    expect((await get(port, agent)).status).toBe(200)
    const started = Date.now()
    await server.shutdown()
    // The kept-alive connection had been idle: closed after idleCloseMs, not left to the timeout.
    expect(Date.now() - started).toBeLessThan(1_500)
    agent.destroy()
  })
})
