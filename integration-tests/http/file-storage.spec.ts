import { deflateSync, crc32 } from "node:zlib"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ensureAdminUser } from "../../src/scripts/lib/admin-user"
import { startS3Server, type ThrowawayS3 } from "../helpers/s3-server"
import { createStoreFixture } from "../helpers/store-fixtures"

// Uploads and the admin's product import through Medusa's S3 provider, as
// src/config/files.ts declares it, against a real S3-compatible server (s3rver).

jest.setTimeout(180 * 1000)

const EMAIL = "files@beauty-shop.test"
const PASSWORD = "lavender-bucket-9!Tq"

/** A valid 2×2 RGB PNG; a text chunk brings it to a few hundred bytes. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(2, 0)
  header.writeUInt32BE(2, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const rows = Buffer.from([0, 0xe8, 0x9a, 0xb0, 0xf4, 0xd6, 0xc9, 0, 0x7a, 0x4e, 0x6b, 0xff, 0xff, 0xff])
  const note = Buffer.from(`Comment\0${"beauty-shop test image ".repeat(12)}`, "latin1")
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("tEXt", note),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ])
}

/** One product with one variant priced in DKK, in the columns of Medusa's CSV normalizer. */
const IMPORT_HANDLE = "imported-calendula-balm"
const IMPORT_CSV = [
  "Product Handle,Product Title,Product Status,Variant Title,Variant SKU,Variant Price DKK,Variant Option 1 Name,Variant Option 1 Value",
  `${IMPORT_HANDLE},Calendula balm,published,50 ml,IMP-CALENDULA-50,189,Size,50 ml`,
].join("\n")

async function until<T>(what: string, probe: () => Promise<T | undefined>, seconds = 60): Promise<T> {
  const deadline = Date.now() + seconds * 1000
  for (;;) {
    const value = await probe()
    if (value !== undefined) {
      return value
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${seconds} s`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

let s3: ThrowawayS3
const previousEnv: Record<string, string | undefined> = {}

// The runner loads medusa-config before it applies its `env` option, so the
// S3_ variables go into process.env here, before the runner's own beforeAll.
beforeAll(async () => {
  s3 = await startS3Server()
  for (const [name, value] of Object.entries(s3.env)) {
    previousEnv[name] = process.env[name]
    process.env[name] = value
  }
})

afterAll(async () => {
  for (const [name, value] of Object.entries(previousEnv)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  await s3?.close()
})

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: { authorization: string } }

    beforeEach(async () => {
      await ensureAdminUser(getContainer(), EMAIL, PASSWORD)
      const login = await api.post("/auth/user/emailpass", { email: EMAIL, password: PASSWORD })
      admin = { headers: { authorization: `Bearer ${login.data.token}` } }
    })

    async function uploadImage(png: Buffer) {
      const form = new FormData()
      form.append("files", new Blob([new Uint8Array(png)], { type: "image/png" }), "rose-serum.png")
      const response = await api.post("/admin/uploads", form, admin)
      expect(response.status).toEqual(200)
      expect(response.data.files).toHaveLength(1)
      return response.data.files[0] as { id: string; url: string }
    }

    describe("file storage in S3", () => {
      it("stores an uploaded image in the bucket and serves the same bytes from S3_FILE_URL", async () => {
        const png = tinyPng()
        expect(png.length).toBeGreaterThan(200)
        expect(png.length).toBeLessThan(1000)

        const file = await uploadImage(png)

        expect(file.id).toMatch(/^rose-serum-\w+\.png$/)
        expect(await s3.keys()).toContain(file.id)
        expect(file.url).toEqual(`${s3.env.S3_FILE_URL}/${file.id}`)
        const served = await fetch(file.url)
        expect(served.status).toEqual(200)
        expect(served.headers.get("content-type")).toMatch(/^image\/png/)
        expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true)
      })

      it("shows an uploaded image on the product in the Admin and Store APIs", async () => {
        const { publishableKey } = await createStoreFixture(getContainer())
        const channels = await api.get("/admin/sales-channels?name=Test%20webshop", admin)
        const [channel] = channels.data.sales_channels
        const file = await uploadImage(tinyPng())

        const created = await api.post(
          "/admin/products",
          {
            title: "Rose serum",
            handle: "rose-serum-s3",
            status: "published",
            thumbnail: file.url,
            images: [{ url: file.url }],
            options: [{ title: "Size", values: ["30 ml"] }],
            variants: [{ title: "30 ml", options: { Size: "30 ml" }, prices: [{ currency_code: "dkk", amount: 249 }] }],
            sales_channels: [{ id: channel.id }],
          },
          admin
        )
        expect(created.status).toEqual(200)

        const inAdmin = await api.get(`/admin/products/${created.data.product.id}`, admin)
        expect(inAdmin.data.product.thumbnail).toEqual(file.url)
        expect(inAdmin.data.product.images.map((i: { url: string }) => i.url)).toEqual([file.url])
        const inStore = await api.get("/store/products?handle=rose-serum-s3", {
          headers: { "x-publishable-api-key": publishableKey },
        })
        expect(inStore.data.products).toHaveLength(1)
        expect(inStore.data.products[0].thumbnail).toEqual(file.url)
        expect(inStore.data.products[0].images.map((i: { url: string }) => i.url)).toEqual([file.url])
        expect((await fetch(file.url)).status).toEqual(200)
      })

      it("imports products from a CSV put to a presigned URL, then deletes the chunks but keeps the CSV", async () => {
        const csv = Buffer.from(IMPORT_CSV, "utf8")
        const presigned = await api.post(
          "/admin/uploads/presigned-urls",
          { originalname: "products.csv", mime_type: "text/csv", size: csv.length },
          admin
        )
        expect(presigned.status).toEqual(200)
        const { url, filename: fileKey } = presigned.data
        expect(url.startsWith(`${s3.endpoint}/${s3.bucket}/${fileKey}?`)).toBe(true)
        // S3-compatible stores reject the CRC32 of an empty body that the SDK
        // otherwise signs into presigned URLs; WHEN_REQUIRED leaves it out.
        expect(url).not.toContain("x-amz-checksum-crc32")
        expect(url).not.toContain("x-amz-sdk-checksum-algorithm")

        // As the dashboard does: the browser's PUT with the file, no credentials.
        const put = await fetch(url, { method: "PUT", body: new Blob([csv], { type: "text/csv" }) })
        expect([put.status, put.status < 300 ? "" : await put.text()]).toEqual([200, ""])
        expect(await s3.keys()).toContain(fileKey)

        const started = await api.post(
          "/admin/products/imports",
          {
            file_key: fileKey,
            originalname: presigned.data.originalname,
            extension: presigned.data.extension,
            size: presigned.data.size,
            mime_type: presigned.data.mime_type,
          },
          admin
        )
        expect(started.status).toEqual(202)
        expect(started.data.transaction_id).toEqual(expect.any(String))
        expect(started.data.summary).toEqual({ toCreate: 1, toUpdate: 0 })
        const isChunk = (key: string) => key.startsWith(`${fileKey}-`) && key.endsWith(".json")
        expect((await s3.keys()).filter(isChunk)).toHaveLength(1)

        const confirmed = await api.post(`/admin/products/imports/${started.data.transaction_id}/confirm`, {}, admin)
        expect(confirmed.status).toEqual(202)

        const product = await until("the imported product", async () => {
          const found = await api.get(
            `/admin/products?handle=${IMPORT_HANDLE}&fields=title,status,*variants,*variants.prices`,
            admin
          )
          return found.data.products[0]
        })
        expect(product).toMatchObject({ title: "Calendula balm", status: "published" })
        expect(product.variants).toHaveLength(1)
        expect(product.variants[0]).toMatchObject({ title: "50 ml", sku: "IMP-CALENDULA-50" })
        expect(product.variants[0].prices).toEqual([expect.objectContaining({ currency_code: "dkk", amount: 189 })])

        const keys = await until("the chunk files' deletion", async () => {
          const now = await s3.keys()
          return now.some(isChunk) ? undefined : now
        })
        expect(keys).toContain(fileKey)
      })
    })
  },
})
