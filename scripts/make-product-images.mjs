#!/usr/bin/env node
// @ts-check
/**
 * Draws the demo catalogue's product pictures: one flat 600×600 palette PNG
 * of a few KB per product (a soft background per category, a silhouette in
 * the product's colour), so the shop ships images it owns.
 *
 * Run `node scripts/make-product-images.mjs` after changing a drawing and
 * commit what it writes to src/scripts/lib/catalogue/images/ (the seed
 * uploads those through the File Module); with a directory argument it
 * writes there instead, which the unit test uses to compare. No
 * dependencies: node:zlib's CRC32 and deflate at a fixed level, so the bytes
 * are the same on every run with the same Node.
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { crc32, deflateSync } from "node:zlib"

export const SIZE = 600
export const OUT_DIR = join(import.meta.dirname, "..", "src", "scripts", "lib", "catalogue", "images")

/** @typedef {[number, number, number]} Rgb */

/** @type {Record<string, Rgb>} */
const BACKGROUNDS = {
  skincare: [0xf4, 0xe8, 0xe1],
  makeup: [0xf7, 0xdf, 0xe4],
  hair: [0xe2, 0xec, 0xe4],
  body: [0xf6, 0xee, 0xdb],
}

const CHARCOAL = /** @type {Rgb} */ ([0x4d, 0x47, 0x52])
const GOLD = /** @type {Rgb} */ ([0xc9, 0xa2, 0x5b])
const WHITE = /** @type {Rgb} */ ([0xfb, 0xf8, 0xf4])
const INK = /** @type {Rgb} */ ([0x1f, 0x1b, 0x22])

/**
 * One drawing per product handle of src/scripts/lib/catalogue/product-data.ts.
 * @type {ReadonlyArray<{ handle: string, category: keyof typeof BACKGROUNDS, shape: keyof typeof SHAPES, colour: Rgb, cap?: Rgb }>}
 */
export const DRAWINGS = [
  { handle: "hyaluron-serum", category: "skincare", shape: "dropper", colour: [0x8f, 0xb9, 0xd6], cap: WHITE },
  { handle: "mild-cleanser", category: "skincare", shape: "pump", colour: [0xa3, 0xd3, 0xbf] },
  { handle: "day-cream-spf30", category: "skincare", shape: "jar", colour: [0xf0, 0xb2, 0x8a], cap: WHITE },
  { handle: "eye-cream", category: "skincare", shape: "tube", colour: [0xb5, 0xa5, 0xd8], cap: WHITE },
  { handle: "satin-lipstick", category: "makeup", shape: "lipstick", colour: [0xb3, 0x45, 0x5c], cap: GOLD },
  { handle: "volume-mascara", category: "makeup", shape: "mascara", colour: [0x3b, 0x33, 0x45], cap: INK },
  { handle: "light-foundation", category: "makeup", shape: "bottle", colour: [0xde, 0xb4, 0x93] },
  { handle: "moisturizing-shampoo", category: "hair", shape: "tall", colour: [0x5c, 0xa6, 0x9e] },
  { handle: "nourishing-conditioner", category: "hair", shape: "tube", colour: [0x9a, 0xb5, 0x86] },
  { handle: "argan-hair-oil", category: "hair", shape: "round", colour: [0xcf, 0x8f, 0x3a], cap: [0x6b, 0x4a, 0x2f] },
  { handle: "shea-body-lotion", category: "body", shape: "pump", colour: [0xec, 0xd5, 0x9c] },
  { handle: "hand-cream", category: "body", shape: "tube", colour: [0xec, 0x95, 0x84], cap: WHITE },
]

/** @param {Rgb} colour @param {Rgb} towards @param {number} amount */
const mix = (colour, towards, amount) =>
  /** @type {Rgb} */ (colour.map((c, i) => Math.round(c + (towards[i] - c) * amount)))

/** @typedef {(x: number, y: number) => boolean} Inside */

/**
 * A canvas of palette indices (0 is the background) with the few flat
 * shapes the drawings use. Shapes paint over what is drawn before them.
 */
export function createCanvas() {
  const pixels = new Uint8Array(SIZE * SIZE)
  /** Paints `index` on the pixels of the box whose centre is `inside`. @type {(box: number[], inside: Inside, index: number) => void} */
  const fill = ([x0, y0, x1, y1], inside, index) => {
    for (let y = Math.max(0, Math.floor(y0)); y < Math.min(SIZE, Math.ceil(y1)); y++) {
      for (let x = Math.max(0, Math.floor(x0)); x < Math.min(SIZE, Math.ceil(x1)); x++) {
        if (inside(x + 0.5, y + 0.5)) pixels[y * SIZE + x] = index
      }
    }
  }
  return {
    pixels,
    /** From (x0, y0) to (x1, y1), corners of radius r. @type {(x0: number, y0: number, x1: number, y1: number, index: number, r?: number) => void} */
    rect(x0, y0, x1, y1, index, r = 0) {
      /** @type {Inside} */
      const inside = (x, y) =>
        Math.max(x0 + r - x, 0, x - x1 + r) ** 2 + Math.max(y0 + r - y, 0, y - y1 + r) ** 2 <= r * r
      fill([x0, y0, x1, y1], inside, index)
    },
    /** @type {(cx: number, cy: number, rx: number, ry: number, index: number) => void} */
    ellipse(cx, cy, rx, ry, index) {
      fill([cx - rx, cy - ry, cx + rx, cy + ry], (x, y) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1, index)
    },
    /** A convex polygon, its corners in order as x, y, x, y, ... @type {(xy: number[], index: number) => void} */
    polygon(xy, index) {
      /** @type {Inside} */
      const inside = (x, y) => {
        const sides = new Set()
        for (let i = 0; i < xy.length; i += 2) {
          const [ax, ay, bx, by] = [xy[i], xy[i + 1], xy[(i + 2) % xy.length], xy[(i + 3) % xy.length]]
          sides.add(Math.sign((bx - ax) * (y - ay) - (by - ay) * (x - ax)))
        }
        return !(sides.has(1) && sides.has(-1))
      }
      const xs = xy.filter((_, i) => i % 2 === 0)
      const ys = xy.filter((_, i) => i % 2 === 1)
      fill([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], inside, index)
    },
  }
}

/** @typedef {ReturnType<typeof createCanvas>} Canvas */

// Palette indices of the shapes: 2 body, 3 highlight, 4 cap, 5 label,
// 6 body shade, 7 cap shade. Everything stands on the floor at y = 500.
/** @type {Record<string, (c: Canvas) => void>} */
const SHAPES = {
  dropper(c) {
    c.rect(220, 280, 380, 500, 2, 26)
    c.rect(238, 300, 254, 480, 3, 8)
    c.rect(250, 350, 350, 440, 5, 6)
    c.rect(262, 236, 338, 284, 4, 6)
    c.rect(276, 130, 324, 240, 7, 24)
  },
  pump(c) {
    c.rect(210, 240, 390, 500, 2, 34)
    c.rect(228, 262, 246, 478, 3, 9)
    c.rect(240, 320, 360, 430, 5, 8)
    c.rect(268, 202, 332, 244, 4, 6)
    c.rect(292, 150, 308, 204, 7)
    c.rect(252, 128, 348, 158, 4, 10)
    c.rect(196, 136, 256, 150, 4, 6)
  },
  jar(c) {
    c.rect(170, 360, 430, 500, 2, 22)
    c.rect(186, 376, 204, 484, 3, 9)
    c.rect(170, 404, 430, 452, 5)
    c.rect(160, 300, 440, 372, 4, 16)
    c.rect(160, 352, 440, 372, 7)
  },
  tube(c) {
    c.polygon([186, 150, 414, 150, 364, 430, 236, 430], 2)
    c.polygon([206, 170, 228, 170, 258, 420, 246, 420], 3)
    c.rect(252, 230, 348, 330, 5, 8)
    c.rect(180, 126, 420, 156, 6, 4)
    c.rect(250, 426, 350, 500, 4, 10)
    c.rect(250, 426, 350, 440, 7)
  },
  lipstick(c) {
    c.polygon([258, 326, 342, 326, 342, 196, 258, 250], 2)
    c.rect(268, 240, 282, 320, 3, 6)
    c.rect(246, 300, 354, 330, 7)
    c.rect(236, 330, 364, 500, 4, 8)
    c.rect(236, 330, 364, 346, 7)
  },
  mascara(c) {
    c.rect(262, 250, 338, 500, 2, 16)
    c.rect(274, 268, 286, 486, 3, 6)
    c.rect(262, 242, 338, 258, 7)
    c.rect(270, 96, 330, 244, 4, 14)
  },
  bottle(c) {
    c.rect(212, 268, 388, 500, 2, 44)
    c.rect(232, 296, 250, 474, 3, 9)
    c.rect(244, 356, 356, 436, 5, 8)
    c.rect(256, 178, 344, 272, 4, 8)
    c.rect(256, 252, 344, 272, 7)
  },
  tall(c) {
    c.rect(212, 180, 388, 500, 2, 56)
    c.rect(232, 220, 252, 470, 3, 10)
    c.rect(236, 296, 364, 420, 5, 10)
    c.rect(246, 112, 354, 186, 4, 16)
    c.rect(246, 168, 354, 186, 7)
  },
  round(c) {
    c.ellipse(300, 396, 118, 106, 2)
    c.ellipse(248, 380, 18, 56, 3)
    c.rect(240, 372, 360, 432, 5, 8)
    c.rect(270, 250, 330, 300, 6)
    c.rect(264, 176, 336, 256, 4, 10)
  },
}

/** The PNG of one drawing. @param {(typeof DRAWINGS)[number]} drawing */
export function drawProduct(drawing) {
  const background = BACKGROUNDS[drawing.category]
  const cap = drawing.cap ?? CHARCOAL
  const palette = [
    background,
    mix(background, [0x60, 0x50, 0x50], 0.12), // 1 floor shadow
    drawing.colour, // 2 body
    mix(drawing.colour, [0xff, 0xff, 0xff], 0.4), // 3 highlight
    cap, // 4 cap
    WHITE, // 5 label
    mix(drawing.colour, [0, 0, 0], 0.2), // 6 body shade
    mix(cap, [0, 0, 0], 0.15), // 7 cap shade
  ]
  const canvas = createCanvas()
  canvas.ellipse(300, 502, 150, 20, 1)
  SHAPES[drawing.shape](canvas)
  return encodePng(canvas.pixels, palette)
}

/** A PNG chunk: length, type, data, CRC32 of type and data. @param {string} type @param {Buffer} data */
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, "ascii")
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

/** An 8-bit palette PNG. @param {Uint8Array} pixels @param {Rgb[]} palette */
export function encodePng(pixels, palette) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header.set([8, 3, 0, 0, 0], 8) // bit depth 8, palette, deflate, no filter method, no interlace
  const rows = Buffer.alloc(SIZE * (SIZE + 1)) // each row: filter type 0, then its indices
  for (let y = 0; y < SIZE; y++) rows.set(pixels.subarray(y * SIZE, (y + 1) * SIZE), y * (SIZE + 1) + 1)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("PLTE", Buffer.from(palette.flat())),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ])
}

/** Writes every drawing as <handle>.png into `dir`. @param {string} dir */
export function writeProductImages(dir) {
  mkdirSync(dir, { recursive: true })
  for (const drawing of DRAWINGS) {
    const png = drawProduct(drawing)
    writeFileSync(join(dir, `${drawing.handle}.png`), png)
    console.log(`${drawing.handle}.png ${png.length} bytes`)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeProductImages(process.argv[2] ?? OUT_DIR)
}
