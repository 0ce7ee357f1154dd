/**
 * Stripe payments and S3 files across the built shop's two services, the
 * way they meet in production: the server takes Stripe's webhooks and only
 * queues them in Redis, the worker handles them; both keep files in the S3
 * bucket (s3rver here), so a picture uploaded through the server outlives
 * a restart of it. Stripe is the fake Stripe API the global setup runs
 * (tools/fake-stripe/server.ts), which Medusa's own Stripe
 * provider talks to and which posts signed webhooks to the server.
 *
 * The spec stops and restarts services; the replacements are recorded in
 * shop.json, so the specs after it find a running server and worker and the
 * global teardown stops them.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import Medusa from "@medusajs/js-sdk"
import { WEBSHOP_CHANNEL } from "../../src/scripts/lib/minimal-store"
import { adminApi, type AdminApi } from "./lib/admin-api"
import { ordersOfCart } from "./lib/database"
import { eventQueue, webhookEvents } from "./lib/event-queue"
import { ensureServicesRunning, startService, stopService } from "./lib/services"
import { logOf, REPO, runningShop, waitFor } from "./lib/shop"
import { confirmLikeStripeJs, intentRecord, stripeCheckout } from "./lib/stripe"

jest.setTimeout(5 * 60 * 1000)

const shop = runningShop()
const sdk = new Medusa({ baseUrl: shop.serverUrl, publishableKey: shop.publishableKey })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const PICTURE = join(REPO, "src", "scripts", "lib", "catalogue", "images", "hand-cream.png")
const IMPORT_FILE = "e2e-products.csv"
const IMPORT_HANDLE = "e2e-imported-calendula-balm"
const IMPORT_CSV = [
  "Product Handle,Product Title,Product Status,Variant Title,Variant SKU,Variant Price DKK,Variant Option 1 Name,Variant Option 1 Value",
  `${IMPORT_HANDLE},Calendula balm,published,50 ml,E2E-CALENDULA-50,189,Size,50 ml`,
].join("\n")

/** Waits until the worker has handled every queued payment webhook; fails if one failed for good. */
async function webhooksHandled(seconds = 60): Promise<void> {
  await waitFor(
    "the worker to handle the queued payment webhooks",
    async () =>
      (await eventQueue(runningShop())).pending.some((name) => name === "payment.webhook_received") ? undefined : true,
    seconds * 1000
  )
  expect(webhookEvents((await eventQueue(runningShop())).failed)).toBe(0)
}

const bytesAt = async (url: string) => {
  const response = await fetch(url)
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) }
}

let admin: AdminApi

beforeAll(async () => {
  admin = await adminApi(shop)
})

// A failed test may leave a service stopped; each test and the specs after this one need the whole shop.
beforeEach(ensureServicesRunning)
afterAll(ensureServicesRunning)

describe("Stripe with the built server and worker", () => {
  it("takes a card payment: the order on completion, one capture and a refund in øre, every webhook answered 200", async () => {
    const { cartId, total, intent } = await stripeCheckout(sdk, "karen.card@example.dk")
    expect(intent.amount).toBe(Math.round(total * 100))
    expect((await confirmLikeStripeJs(shop, intent, "card")).status).toBe("requires_capture")

    const completed = await sdk.store.cart.complete(cartId)
    if (completed.type !== "order") throw new Error(`no order: ${JSON.stringify(completed.error)}`)
    const { body } = await admin.get(`/admin/orders/${completed.order.id}?fields=id,*payment_collections.payments`)
    const payments = body.order.payment_collections.flatMap((c: { payments: Array<{ id: string }> }) => c.payments)
    expect(payments).toHaveLength(1)
    const paymentId = payments[0].id

    expect((await admin.post(`/admin/payments/${paymentId}/capture`)).status).toBe(200)
    expect((await intentRecord(shop, intent.id)).captures).toBe(1)
    expect((await admin.post(`/admin/payments/${paymentId}/refund`, { amount: 50 })).status).toBe(200)

    // The capture's payment_intent.succeeded reaches the worker too; it must not capture a second time.
    await waitFor(
      "the payment_intent.succeeded webhook",
      async () => (await intentRecord(shop, intent.id)).deliveries.find((d) => d.type === "payment_intent.succeeded"),
      30_000
    )
    await webhooksHandled()
    const record = await intentRecord(shop, intent.id)
    expect(record.intent.status).toBe("succeeded")
    expect(record.captures).toBe(1)
    expect(record.refunds).toEqual([expect.objectContaining({ amount: 5000, currency: "dkk" })])
    expect(record.deliveries.map((d) => `${d.type} ${d.status}`).sort()).toEqual([
      "payment_intent.amount_capturable_updated 200",
      "payment_intent.succeeded 200",
    ])
    const { body: medusa } = await admin.get(`/admin/payments/${paymentId}?fields=id,*captures,*refunds`)
    expect(medusa.payment.captures).toHaveLength(1)
    expect(medusa.payment.refunds.map((r: { amount: number }) => Number(r.amount))).toEqual([50])
    console.log(
      `card: order ${completed.order.id}, ${total} kr. = ${intent.amount} øre; Stripe captures: ${record.captures}, ` +
        `refunds: ${record.refunds.map((r) => `${r.amount} øre`).join(", ")}; webhooks: ${record.deliveries.map((d) => `${d.type} → ${d.status}`).join(", ")}`
    )
  })

  it("queues a MobilePay webhook while the worker is down; a new worker then completes the cart into one order", async () => {
    const stoppedIn = await stopService(shop, "worker")
    const { cartId, intent } = await stripeCheckout(sdk, "mads.mobilepay@example.dk")
    // The customer approves in the app and never comes back to the shop: no call to complete.
    expect((await confirmLikeStripeJs(shop, intent, "mobilepay")).status).toBe("requires_action")
    const delivered = await waitFor(
      "the payment_intent.amount_capturable_updated webhook",
      async () =>
        (await intentRecord(shop, intent.id)).deliveries.find(
          (d) => d.type === "payment_intent.amount_capturable_updated"
        ),
      15_000
    )
    expect(delivered.status).toBe(200)

    await sleep(10_000)
    const { cart: waiting } = await sdk.store.cart.retrieve(cartId, { fields: "id,completed_at" })
    expect(waiting.completed_at ?? null).toBeNull()
    expect(await ordersOfCart(shop, cartId)).toEqual([])
    const queued = webhookEvents((await eventQueue(shop)).pending)
    // payment_intent.requires_action and payment_intent.amount_capturable_updated
    expect(queued).toBe(2)

    const started = Date.now()
    const worker = await startService(runningShop(), "worker")
    await waitFor(
      "the cart's completion by the new worker",
      async () => (await sdk.store.cart.retrieve(cartId, { fields: "id,completed_at" })).cart.completed_at ?? undefined,
      60_000
    )
    const orderSeconds = (Date.now() - started) / 1000
    expect(await ordersOfCart(shop, cartId)).toHaveLength(1)
    await webhooksHandled()
    expect(await ordersOfCart(shop, cartId)).toHaveLength(1)
    const record = await intentRecord(shop, intent.id)
    expect(record.intent.status).toBe("requires_capture")
    expect(record.captures).toBe(0)
    expect(record.deliveries.map((d) => `${d.type} ${d.status}`)).toEqual([
      "payment_intent.requires_action 200",
      "payment_intent.amount_capturable_updated 200",
    ])
    console.log(
      `MobilePay with the worker down (stopped in ${stoppedIn.toFixed(1)} s): webhooks ` +
        `${record.deliveries.map((d) => `${d.type} → ${d.status}`).join(", ")}; ${queued} queued in Redis, ` +
        `no order after 10 s; new worker healthy after ${worker.healthySeconds.toFixed(1)} s, ` +
        `the order after ${orderSeconds.toFixed(1)} s (from its start); orders for the cart: 1`
    )
  })
})

describe("files in the S3 bucket with the built server and worker", () => {
  it("serves an uploaded picture of a product from S3_FILE_URL, also after the server restarts", async () => {
    const picture = readFileSync(PICTURE)
    const form = new FormData()
    form.append("files", new Blob([new Uint8Array(picture)], { type: "image/png" }), "hand-cream.png")
    const uploaded = await admin.post("/admin/uploads", form)
    expect(uploaded.status).toBe(200)
    const [file] = uploaded.body.files as Array<{ id: string; url: string }>
    expect(file.url).toBe(`${shop.env.S3_FILE_URL}/${file.id}`)
    expect(await bytesAt(file.url)).toEqual({ status: 200, bytes: picture })

    const channels = await admin.get(`/admin/sales-channels?name=${encodeURIComponent(WEBSHOP_CHANNEL)}`)
    const created = await admin.post("/admin/products", {
      title: "Hand cream (S3)",
      handle: "e2e-s3-hand-cream",
      status: "published",
      thumbnail: file.url,
      images: [{ url: file.url }],
      options: [{ title: "Size", values: ["75 ml"] }],
      variants: [{ title: "75 ml", options: { Size: "75 ml" }, prices: [{ currency_code: "dkk", amount: 129 }] }],
      sales_channels: [{ id: channels.body.sales_channels[0].id }],
    })
    expect(created.status).toBe(200)

    const stoppedIn = await stopService(shop, "server")
    const server = await startService(runningShop(), "server")
    const { products } = await sdk.store.product.list({ handle: "e2e-s3-hand-cream", fields: "thumbnail,*images" })
    expect(products).toHaveLength(1)
    expect(products[0].thumbnail).toBe(file.url)
    expect(products[0].images?.map((i) => i.url)).toEqual([file.url])
    expect(await bytesAt(file.url)).toEqual({ status: 200, bytes: picture })
    console.log(
      `files: ${file.id} (${picture.length} bytes) served from the bucket before and after the server restart ` +
        `(stopped in ${stoppedIn.toFixed(1)} s, healthy again after ${server.healthySeconds.toFixed(1)} s)`
    )
  })

  it("imports products from a CSV put to a presigned URL, as the dashboard does", async () => {
    const csv = Buffer.from(IMPORT_CSV, "utf8")
    const presigned = await admin.post("/admin/uploads/presigned-urls", {
      originalname: IMPORT_FILE,
      mime_type: "text/csv",
      size: csv.length,
    })
    expect(presigned.status).toBe(200)
    expect(presigned.body.url.startsWith(`${shop.env.S3_ENDPOINT}/`)).toBe(true)
    const put = await fetch(presigned.body.url, { method: "PUT", body: new Blob([csv], { type: "text/csv" }) })
    expect(put.status).toBe(200)

    const { filename, originalname, extension, size, mime_type } = presigned.body
    const started = await admin.post("/admin/products/imports", {
      file_key: filename,
      originalname,
      extension,
      size,
      mime_type,
    })
    expect(started.status).toBe(202)
    expect(started.body.summary).toEqual({ toCreate: 1, toUpdate: 0 })
    const confirmedAt = Date.now()
    expect((await admin.post(`/admin/products/imports/${started.body.transaction_id}/confirm`)).status).toBe(202)

    const product = await waitFor(
      "the imported product",
      async () =>
        (await admin.get(`/admin/products?handle=${IMPORT_HANDLE}&fields=title,status,*variants`)).body.products[0],
      60_000
    )
    expect(product).toMatchObject({ title: "Calendula balm", status: "published" })
    expect(product.variants.map((v: { sku: string }) => v.sku)).toEqual(["E2E-CALENDULA-50"])
    const productSeconds = (Date.now() - confirmedAt) / 1000

    // Where the import runs (@medusajs/workflow-engine-redis 2.21, with @medusajs/orchestration): the confirm
    // request's setStepSuccess resumes the workflow in the process that receives it, so the server reads the
    // chunks and creates the products itself (process-import-chunks is an async step, started in the background
    // of that request). Its end then goes through Redis: an async step's success schedules a RETRY job on the
    // workflow queue, and only a process in worker mode has a BullMQ Worker on that queue
    // (isWorkerMode = worker_mode !== "server", dist/loaders/redis.js and utils/workflow-orchestrator-storage.js),
    // so the worker runs the rest: the admin feed's "import completed" notification. Hence server and worker
    // share the bucket, and an import ends only with a worker running.
    const done = `Product import of file ${IMPORT_FILE} completed successfully!`
    await waitFor(
      "the worker's import notification",
      async () => logOf(runningShop().logs.worker).includes(done) || undefined,
      60_000
    )
    expect(logOf(runningShop().logs.server)).not.toContain(done)
    console.log(
      `import: ${IMPORT_FILE} put to the bucket, product ${product.id} after ${productSeconds.toFixed(1)} s; ` +
        "the worker sent the completion notification"
    )
  })
})
