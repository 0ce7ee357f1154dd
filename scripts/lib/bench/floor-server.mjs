// @ts-check
/**
 * The floor of `npm run bench`: a bare node:http server that answers every
 * request with the same JSON body (the priced product list ours served), so
 * the table shows what this machine and autocannon can do without a framework.
 *
 * Usage: node scripts/lib/bench/floor-server.mjs <port> <body file>
 */
import { readFileSync } from "node:fs"
import { createServer } from "node:http"

const [port, bodyFile] = process.argv.slice(2)
const body = readFileSync(bodyFile)
const headers = { "content-type": "application/json; charset=utf-8", "content-length": String(body.length) }

createServer((request, response) => {
  // Drains a request body (the cart calls) before answering, as a framework would.
  request.resume()
  request.on("end", () => response.writeHead(200, headers).end(body))
}).listen(Number(port), "127.0.0.1")
