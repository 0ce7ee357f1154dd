import http, { type Server } from "node:http"
import { hookNextHttpServer, MEDUSA_START_FRAME, NEXT_SERVER_WAIT_MS } from "../medusa-http-server"

const fromHere = /medusa-http-server\.unit\.spec/
const created: Server[] = []
const make = (listener?: http.RequestListener) => {
  const server = listener ? http.createServer(listener) : http.createServer()
  created.push(server)
  return server
}

afterEach(() => {
  created.splice(0).forEach((server) => server.close())
  jest.useRealTimers()
})

describe("the hook on the next HTTP server", () => {
  it("applies every pending hook to the next server, once, in the order installed", () => {
    const order: string[] = []
    const original = http.createServer
    hookNextHttpServer({ options: { headersTimeout: 1_234 }, onCreated: () => order.push("first") }, { from: fromHere })
    hookNextHttpServer({ wrapListener: (listener) => listener, onCreated: () => order.push("second") })
    expect(http.createServer).not.toBe(original)
    const server = make(() => undefined)
    expect(server.headersTimeout).toBe(1_234)
    expect(order).toEqual(["first", "second"])
    expect(http.createServer).toBe(original)
    expect(make().headersTimeout).toBe(60_000)
  })

  it("applies nothing and logs one line when the next server comes from somewhere else than Medusa's start", () => {
    const lines: string[] = []
    const onCreated = jest.fn()
    hookNextHttpServer({ options: { headersTimeout: 1_234 }, onCreated }, { log: (line) => lines.push(line) })
    const server = make()
    expect(server.headersTimeout).toBe(60_000)
    expect(onCreated).not.toHaveBeenCalled()
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^\[internals\] medusa start's http\.createServer has changed: expected .*commands\/start\.js; found a call from .*medusa-http-server\.unit\.spec/
    )
    expect(lines[0]).toContain(
      "Falling back: the server runs without the project's timeouts, connection drain and store cache front door"
    )
  })

  it("puts createServer back and logs one line when no server is created in time", () => {
    jest.useFakeTimers()
    const lines: string[] = []
    const original = http.createServer
    const onCreated = jest.fn()
    hookNextHttpServer({ onCreated }, { from: fromHere, log: (line) => lines.push(line) })
    jest.advanceTimersByTime(NEXT_SERVER_WAIT_MS)
    expect(http.createServer).toBe(original)
    expect(lines).toEqual([expect.stringContaining(`found no call within ${NEXT_SERVER_WAIT_MS / 1000} s`)])
    make()
    expect(onCreated).not.toHaveBeenCalled()
  })

  it("knows Medusa's start command by its compiled file and by its source-mapped one", () => {
    const frames = [
      "at internalStart (/app/.medusa/server/node_modules/@medusajs/medusa/dist/commands/start.js:194:42)",
      "at internalStart (/app/.medusa/server/node_modules/@medusajs/medusa/src/commands/start.ts:212:7)",
      "at start (/app/node_modules/some-plugin/dist/commands/start.js:3:1)",
    ]
    expect(frames.map((frame) => MEDUSA_START_FRAME.test(frame))).toEqual([true, true, false])
  })
})
