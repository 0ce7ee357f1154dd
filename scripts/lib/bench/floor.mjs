// @ts-check
/**
 * The floor of `npm run bench`: a bare node:http server (./floor-server.mjs)
 * answering every request with the priced product list's bytes, booted and
 * driven like the shop.
 */
import { join } from "node:path"
import { ROOT } from "../built-app.mjs"
import { ENDPOINTS, drive } from "./load.mjs"
import { rssMiB, secondsToReady, start, stop } from "./processes.mjs"

/**
 * One run of the floor.
 * @param {{ index: number, runs: number, bodyFile: string, port: number, logDir: string,
 *   warmUpSeconds: number, seconds: number, progress: (line: string) => void }} options
 */
export async function measureFloor({ index, runs, bodyFile, port, logDir, warmUpSeconds, seconds, progress }) {
  progress(`floor: boot ${index}/${runs} …`)
  const since = Date.now()
  const floor = start(
    `floor-${index}`,
    process.execPath,
    [join(ROOT, "scripts", "lib", "bench", "floor-server.mjs"), String(port), bodyFile],
    { cwd: ROOT, env: process.env, logDir }
  )
  const pattern = /floor-server\.mjs/
  /** @type {Record<string, any>} */
  const run = {
    boot: { server: await secondsToReady(floor, `http://127.0.0.1:${port}/`, since, 30) },
    rssBoot: { server: rssMiB(floor.pid, pattern) },
    rssLoad: {},
    load: {},
  }
  const url = `http://127.0.0.1:${port}`
  const requests = [{ method: "GET", path: "/store/products" }]
  await drive({ url, headers: {}, requests, seconds: warmUpSeconds })
  const result = await drive({ url, headers: {}, requests, seconds })
  // The floor answers every path alike, so its one figure stands on every endpoint's rows.
  for (const endpoint of ENDPOINTS) run.load[endpoint.name] = result
  run.rssLoad = { server: rssMiB(floor.pid, pattern) }
  progress(`floor ${index}/${runs}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`)
  await stop(floor)
  return run
}
