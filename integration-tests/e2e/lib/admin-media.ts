import { crc32, deflateSync } from "node:zlib"

/**
 * What the admin media test needs besides the browser: a picture of its own,
 * which no seeded product has, and the Admin API's view of a product's
 * images, as a script using the staff member's credentials sees them.
 */

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typeAndData))
  return Buffer.concat([length, typeAndData, crc])
}

/** A valid PNG of one colour: 8-bit RGB, each row with filter type 0. */
export function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.alloc(1 + width * 3)
  for (let x = 0; x < width; x++) {
    row.set([r, g, b], 1 + x * 3)
  }
  const pixels = Buffer.concat(Array.from({ length: height }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(pixels)),
    chunk("IEND", Buffer.alloc(0)),
  ])
}

async function adminToken(serverUrl: string, admin: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${serverUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(admin),
  })
  if (!response.ok) {
    throw new Error(`admin login failed: ${response.status} ${await response.text()}`)
  }
  return ((await response.json()) as { token: string }).token
}

/** The URLs of a product's images, in the order the Admin API lists them. */
export async function productImageUrls(
  serverUrl: string,
  admin: { email: string; password: string },
  productId: string
): Promise<string[]> {
  const token = await adminToken(serverUrl, admin)
  const response = await fetch(`${serverUrl}/admin/products/${productId}?fields=*images`, {
    headers: { authorization: `Bearer ${token}` },
  })
  if (!response.ok) {
    throw new Error(`GET /admin/products/${productId} failed: ${response.status} ${await response.text()}`)
  }
  const { product } = (await response.json()) as { product: { images: { url: string }[] | null } }
  return (product.images ?? []).map((image) => image.url)
}
