import { Queue } from "bullmq"
import Redis from "ioredis"
import type { RunningShop } from "./shop"

// The Redis queue of Medusa's event bus (@medusajs/event-bus-redis: queue "events-queue", key prefix
// "RedisEventBusService"): the server adds events to it, only the worker takes them off.

/** The names of the events still to be handled (delayed, waiting or active) and of those that failed for good. */
export async function eventQueue(shop: RunningShop): Promise<{ pending: string[]; failed: string[] }> {
  const connection = new Redis(shop.env.REDIS_URL, { maxRetriesPerRequest: null })
  const queue = new Queue("events-queue", { prefix: "RedisEventBusService", connection })
  try {
    const names = async (states: Parameters<Queue["getJobs"]>[0]) =>
      (await queue.getJobs(states)).filter(Boolean).map((job) => job.name)
    return { pending: await names(["delayed", "waiting", "active", "prioritized"]), failed: await names(["failed"]) }
  } finally {
    await queue.close()
    connection.disconnect()
  }
}

/** How many of the names are Medusa's payment webhook event (one per webhook the server accepted). */
export const webhookEvents = (names: string[]) => names.filter((name) => name === "payment.webhook_received").length
