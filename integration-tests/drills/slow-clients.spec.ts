/**
 * Slow clients against the built server (src/instrumentation/server-timeouts.ts): 500 connections that send their
 * headers a line at a time never finish a request; meanwhile ordinary requests are all answered, and the server
 * closes every slow connection once its header timeout (10 s) has passed.
 */
import { connect, type Socket } from "node:net"
import { runningShop } from "../e2e/lib/shop"
import { sleep, statusCounts } from "./lib/observe"

jest.setTimeout(3 * 60 * 1000)

const shop = runningShop()
const SLOW_CONNECTIONS = 500
const HEADERS_TIMEOUT_MS = 10_000

interface Slow {
  socket: Socket
  openedAt: number
  closedAt?: number
  answer: string
}

function openSlow(port: number): Promise<Slow> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1")
    const slow: Slow = { socket, openedAt: Date.now(), answer: "" }
    socket.on("data", (chunk) => (slow.answer += chunk.toString()))
    socket.on("close", () => (slow.closedAt = Date.now()))
    socket.once("error", () => undefined) // a reset shows as the close
    socket.once("connect", () => {
      socket.write(
        `GET /store/products HTTP/1.1\r\nHost: localhost\r\nx-publishable-api-key: ${shop.publishableKey}\r\n`
      )
      resolve(slow)
    })
    socket.setTimeout(60_000, () => reject(new Error("connect timed out")))
  })
}

describe("slow clients", () => {
  it("cannot keep the server from answering others, and are closed after the header timeout", async () => {
    const port = Number(new URL(shop.serverUrl).port)
    const slow: Slow[] = []
    for (let i = 0; i < SLOW_CONNECTIONS; i++) slow.push(await openSlow(port))
    // Each sends one more header line every second, never the blank line that ends the headers.
    const dribble = setInterval(() => {
      for (const s of slow) if (s.closedAt === undefined) s.socket.write(`x-slow-${Date.now()}: 1\r\n`)
    }, 1_000)
    const answers: Array<{ status: number; ms: number }> = []
    const until = Date.now() + HEADERS_TIMEOUT_MS + 5_000
    while (Date.now() < until) {
      const started = Date.now()
      const status = await fetch(`${shop.serverUrl}/store/products?limit=5`, {
        headers: { "x-publishable-api-key": shop.publishableKey },
        signal: AbortSignal.timeout(10_000),
      }).then(
        (response) => response.arrayBuffer().then(() => response.status),
        () => 0
      )
      answers.push({ status, ms: Date.now() - started })
      await sleep(100)
    }
    clearInterval(dribble)
    slow.forEach((s) => s.socket.destroy())

    const latencies = answers.map((a) => a.ms).sort((a, b) => a - b)
    const closedInTime = slow.filter(
      (s) => s.closedAt !== undefined && s.closedAt - s.openedAt < HEADERS_TIMEOUT_MS + 3_000
    )
    console.log(
      `slow clients: ${SLOW_CONNECTIONS} held open; ordinary requests ${JSON.stringify(statusCounts(answers))}, ` +
        `median ${latencies[Math.floor(latencies.length / 2)]} ms, slowest ${latencies[latencies.length - 1]} ms; slow connections closed by the server in time: ${closedInTime.length}, ` +
        `answered 408: ${slow.filter((s) => s.answer.startsWith("HTTP/1.1 408")).length}`
    )
    // How many fit in the window is the machine's speed; that every one was answered 200 is the drill's point.
    expect(answers.length).toBeGreaterThan(0)
    expect(statusCounts(answers)).toEqual({ 200: answers.length })
    expect(closedInTime).toHaveLength(SLOW_CONNECTIONS)
    expect(slow.every((s) => s.answer === "" || s.answer.startsWith("HTTP/1.1 408"))).toBe(true)
  })
})
