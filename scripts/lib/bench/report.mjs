// @ts-check
/** docs/benchmarks.md: the table of the last `npm run bench` with the machine and how it was measured. */
import { cpus, totalmem } from "node:os"
import { CONNECTIONS } from "./load.mjs"

/**
 * The machine the figures come from.
 * @returns {string}
 */
export function machine() {
  const cores = cpus()
  const memoryGiB = (totalmem() / 1024 ** 3).toFixed(1)
  return `${cores.length} cores (${cores[0]?.model.trim() ?? "unknown CPU"}), ${memoryGiB} GiB memory, Node ${process.version}`
}

/**
 * @param {{ table: string, failures: string[], runs: number, warmUpSeconds: number, seconds: number,
 *   totalSeconds: number, bodyBytes: number, date: Date }} report
 * @returns {string}
 */
export function benchmarksPage({ table, failures, runs, warmUpSeconds, seconds, totalSeconds, bodyBytes, date }) {
  const failureText = failures.length
    ? [
        "Requests that did not succeed (their runs count, so read those rows with this in mind):",
        "",
        ...failures.map((f) => `- ${f}`),
      ].join("\n")
    : "Every request of every load phase was answered 2xx."
  return `# Benchmarks

How fast and how big the Store API is under storefront traffic, beside stock
Medusa and beside what the bare machine can do. Rerun with \`npm run bench\`
(it builds, seeds a database of its own, measures, drops the database and
rewrites this page; under 15 minutes). \`BENCH_REUSE_BUILD=1 npm run bench\`
skips the build when \`.medusa/server\` exists.

Measured ${date.toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}.

## The setups

- **ours**: the app as shipped: \`npm run start:server\` and \`npm run start:worker\`
  (two processes), production mode, Redis for the event bus, locking and
  workflows, and the store cache (answers kept until a change invalidates
  them, shared through Redis, see [operations.md](operations.md#store-api-cache)).
- **stock**: the same build with Medusa's defaults: one shared process
  (\`npm start\`), no store cache (\`STORE_CACHE_MAX_AGE_SECONDS=0\`), no Caching
  Module (\`MEDUSA_FF_CACHING=false\`) and V8's own heap ceiling instead of the
  start scripts' 448 MiB; it still has Redis for the event bus, locking and
  workflows. Its one process is in the server rows.
- **floor**: a bare \`node:http\` server (\`scripts/lib/bench/floor-server.mjs\`)
  answering every request with the ${bodyBytes.toLocaleString("en-US")} bytes of ours' priced
  product list; it is measured once per run and shown on every endpoint's rows.

Each cell is the median of ${runs} runs with (min–max); every run boots the
processes afresh. Boot is the time from starting the npm script to its
healthcheck (\`/health/ready\`, as Railway polls it) answering 200; the worker
starts once the server is ready, as each Railway service boots on a machine
of its own. Event delivery is read after the load phase from the event bus's
BullMQ records of the events the cart phase emitted: from the server's emit
to a worker taking the event, and to its subscribers being done. RSS is
\`ps\`'s figure for the \`medusa start\` process (not npm or the start script
around it), read once both processes are ready and again after the load phase.
Each endpoint gets ${CONNECTIONS} connections from autocannon for a ${warmUpSeconds} s warm-up, not
counted, then ${seconds} s measured (the cart calls 30 s: each takes seconds at 50
connections), one endpoint after another in the order of the table. autocannon runs on the same cores as the shop, as a storefront's
server-side renderer on a small host would. The ratios are ours' median over
the other's: above 1 is better for req/s, below 1 for latency, memory and boot.

The whole run took ${Math.round(totalSeconds / 60)} minutes.

## Figures

${table}

${failureText}

Not measured yet: event delivery from the server to the worker (p50/p95 over
a few hundred events); the table gains that row when the bench does.
`
}
