// @ts-check
/**
 * Event delivery from server to worker, read from the event bus's own
 * records: Medusa's Redis event bus is a BullMQ queue, and BullMQ keeps each
 * completed job (this project keeps the last 1,000 for an hour) with the time
 * it was added (`timestamp`, when the server emitted it), taken by a worker
 * (`processedOn`) and finished (`finishedOn`). The cart phase of the load
 * emits a few hundred events; this waits for the queue to drain and reports
 * percentiles over the completed ones.
 */
import { Redis } from "ioredis"

const QUEUE = "RedisEventBusService:events-queue"

/**
 * The p-th percentile (0–100) of sorted values, nearest rank.
 * @param {number[]} sorted
 * @param {number} p
 */
export function percentile(sorted, p) {
  if (!sorted.length) return undefined
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

/**
 * Milliseconds from emit to pickup and to handled, per completed job.
 * @param {Array<Record<string, string>>} jobs BullMQ job hashes
 */
export function deliveryFigures(jobs) {
  const pickup = []
  const handled = []
  for (const job of jobs) {
    const added = Number(job.timestamp)
    if (!Number.isFinite(added) || !job.processedOn || !job.finishedOn) continue
    pickup.push(Number(job.processedOn) - added)
    handled.push(Number(job.finishedOn) - added)
  }
  pickup.sort((a, b) => a - b)
  handled.sort((a, b) => a - b)
  return {
    count: handled.length,
    pickupP50: percentile(pickup, 50),
    pickupP95: percentile(pickup, 95),
    handledP50: percentile(handled, 50),
    handledP95: percentile(handled, 95),
  }
}

/**
 * Waits (at most limitMs) until nothing waits or runs, then reads the completed jobs.
 * @param {string} redisUrl
 * @param {number} limitMs
 */
export async function measureEventDelivery(redisUrl, limitMs = 60_000) {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 })
  try {
    const deadline = Date.now() + limitMs
    let pending = Infinity
    while (Date.now() < deadline) {
      const [waiting, active, delayed] = await Promise.all([
        redis.llen(`${QUEUE}:wait`),
        redis.llen(`${QUEUE}:active`),
        redis.zcard(`${QUEUE}:delayed`),
      ])
      pending = waiting + active + delayed
      if (pending === 0) break
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    const ids = await redis.zrange(`${QUEUE}:completed`, 0, -1)
    const jobs = await Promise.all(ids.map((id) => redis.hgetall(`${QUEUE}:${id}`)))
    return { ...deliveryFigures(jobs), pending }
  } finally {
    redis.disconnect()
  }
}
