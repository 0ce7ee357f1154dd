import { createServer, type Server } from "node:http"
import { connect } from "node:net"
import { hookNextHttpServer } from "../../internals/medusa-http-server"
import { installServerTimeouts, SERVER_TIMEOUTS } from "../server-timeouts"

/** The servers of this file stand in for the one `medusa start` creates. */
const fromHere = { from: /server-timeouts\.unit\.spec/ }

let server: Server | undefined

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  server = undefined
})

describe("server timeouts", () => {
  it("creates the next HTTP server with the header and request timeouts", () => {
    installServerTimeouts(fromHere)
    server = createServer((_req, res) => res.end("ok"))
    expect(server.headersTimeout).toBe(SERVER_TIMEOUTS.headersTimeout)
    expect(server.requestTimeout).toBe(SERVER_TIMEOUTS.requestTimeout)
    // The hook is gone after one server: the next one has Node's defaults.
    const next = createServer()
    expect(next.headersTimeout).toBe(60_000)
  })

  it("answers a client that sends its headers too slowly with 408 and closes it, while others are answered", async () => {
    hookNextHttpServer(
      { options: { headersTimeout: 300, requestTimeout: 1_000, connectionsCheckingInterval: 50 } },
      fromHere
    )
    server = createServer((_req, res) => res.end("ok"))
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve))
    const { port } = server.address() as { port: number }
    const slow = connect(port, "127.0.0.1")
    const received: Buffer[] = []
    slow.on("data", (chunk) => received.push(chunk))
    slow.write("GET / HTTP/1.1\r\nHost: x\r\n")
    const dribble = setInterval(() => slow.write("X-Slow: 1\r\n"), 100)
    const ordinary = await fetch(`http://127.0.0.1:${port}/`)
    expect(await ordinary.text()).toBe("ok")
    await new Promise((resolve) => slow.once("close", resolve))
    clearInterval(dribble)
    expect(Buffer.concat(received).toString()).toMatch(/^HTTP\/1\.1 408/)
  })
})
