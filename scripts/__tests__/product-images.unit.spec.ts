/**
 * The product pictures in src/scripts/lib/catalogue/images: exactly what
 * scripts/make-product-images.mjs draws, valid 600×600 PNGs, small, and one
 * for every image the catalogue names.
 */
import { spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { crc32, inflateSync } from "node:zlib"
import { PRODUCTS } from "../../src/scripts/lib/catalogue/product-data"

const ROOT = join(__dirname, "..", "..")
const IMAGES = join(ROOT, "src", "scripts", "lib", "catalogue", "images")
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

const committed = () => readdirSync(IMAGES).sort()

interface Chunk {
  type: string
  data: Buffer
  crcOk: boolean
}

function chunks(png: Buffer): Chunk[] {
  const found: Chunk[] = []
  for (let offset = SIGNATURE.length; offset < png.length;) {
    const length = png.readUInt32BE(offset)
    const body = png.subarray(offset + 4, offset + 8 + length)
    found.push({
      type: body.subarray(0, 4).toString("ascii"),
      data: body.subarray(4),
      crcOk: png.readUInt32BE(offset + 8 + length) === crc32(body),
    })
    offset += 12 + length
  }
  return found
}

describe("product images", () => {
  let regenerated: string

  beforeAll(() => {
    regenerated = mkdtempSync(join(tmpdir(), "product-images-"))
    const result = spawnSync(process.execPath, [join(ROOT, "scripts", "make-product-images.mjs"), regenerated], {
      encoding: "utf8",
    })
    expect(result.stderr).toBe("")
    expect(result.status).toBe(0)
  })

  afterAll(() => rmSync(regenerated, { recursive: true, force: true }))

  it("are byte for byte what the generator draws", () => {
    expect(readdirSync(regenerated).sort()).toEqual(committed())
    for (const name of committed()) {
      expect({ name, same: readFileSync(join(regenerated, name)).equals(readFileSync(join(IMAGES, name))) }).toEqual({
        name,
        same: true,
      })
    }
  })

  it("are valid 600×600 PNGs under 25 KB", () => {
    for (const name of committed()) {
      const png = readFileSync(join(IMAGES, name))
      expect(png.length).toBeLessThan(25 * 1024)
      expect(png.subarray(0, 8).equals(SIGNATURE)).toBe(true)
      const all = chunks(png)
      expect(all.every((c) => c.crcOk)).toBe(true)
      expect(all.map((c) => c.type)).toEqual(["IHDR", "PLTE", "IDAT", "IEND"])
      const header = all[0].data
      const [width, height, bitDepth, colourType] = [
        header.readUInt32BE(0),
        header.readUInt32BE(4),
        header[8],
        header[9],
      ]
      expect({ name, width, height, bitDepth, colourType }).toEqual({
        name,
        width: 600,
        height: 600,
        bitDepth: 8,
        colourType: 3,
      })
      const palette = all[1].data.length / 3
      const rows = inflateSync(Buffer.concat(all.filter((c) => c.type === "IDAT").map((c) => c.data)))
      // one filter byte and 600 palette indices per row
      expect(rows.length).toBe(600 * 601)
      const filters = new Set<number>()
      let highestIndex = 0
      rows.forEach((byte, i) => {
        if (i % 601 === 0) filters.add(byte)
        else highestIndex = Math.max(highestIndex, byte)
      })
      expect({ name, filters: [...filters], paletteHasIndex: highestIndex < palette }).toEqual({
        name,
        filters: [0],
        paletteHasIndex: true,
      })
    }
  })

  it("include every image the catalogue's products name", () => {
    const named = PRODUCTS.flatMap((p) => p.images)
    expect(named.length).toBeGreaterThanOrEqual(PRODUCTS.length)
    expect(committed()).toEqual(expect.arrayContaining(named))
    expect(named.every((name) => /^[a-z0-9-]+\.png$/.test(name))).toBe(true)
  })
})
