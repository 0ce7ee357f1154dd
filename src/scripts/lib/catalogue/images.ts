import { readFile } from "node:fs/promises"
import { join } from "node:path"
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { updateProductsWorkflow } from "@medusajs/medusa/core-flows"
import { PRODUCTS } from "./product-data"

/**
 * The product pictures, next to this file: in src/ when the seed runs on the
 * TypeScript sources, and in .medusa/server/src/scripts/lib/catalogue/ in
 * the build, where scripts/build.mjs copies them (`medusa build` compiles
 * code only).
 */
export const IMAGE_DIR = join(__dirname, "images")

/**
 * Product metadata naming the files the seed uploaded for the product. A
 * product without it (new, or seeded when images were external URLs) gets
 * its pictures uploaded; one with it keeps its images, also when an admin
 * has changed them since.
 */
export const SEED_IMAGE_KEY = "seed_image"

/**
 * Uploads the pictures of ./product-data.ts through the File Module (S3 in
 * production, the local provider in development) and makes them the
 * product's thumbnail and images, for every catalogue product the seed has
 * not given its pictures yet. Appends what it changes to `created`.
 */
export async function ensureProductImages(container: MedusaContainer, created: string[]): Promise<void> {
  const wanted = new Map(PRODUCTS.map((p) => [p.handle, p.images]))
  const products = await container
    .resolve(Modules.PRODUCT)
    .listProducts({ handle: [...wanted.keys()] }, { select: ["id", "handle", "metadata"] })
  const order = [...wanted.keys()]
  const stale = products
    .filter((p) => p.metadata?.[SEED_IMAGE_KEY] !== seedImageMark(wanted.get(p.handle)!))
    .sort((a, b) => order.indexOf(a.handle) - order.indexOf(b.handle))
  if (!stale.length) {
    return
  }
  // Every file is read before anything is uploaded, so a build without its
  // images fails here and uploads nothing.
  const contents = new Map<string, Buffer>()
  for (const fileName of new Set(stale.flatMap((p) => wanted.get(p.handle)!))) {
    contents.set(fileName, await readImage(fileName))
  }
  const fileModule = container.resolve(Modules.FILE)
  const updates = []
  for (const product of stale) {
    const fileNames = wanted.get(product.handle)!
    // Both file providers (file-local, file-s3) take base64 content and
    // store the decoded bytes.
    const files = await fileModule.createFiles(
      fileNames.map((fileName) => ({
        filename: fileName,
        mimeType: "image/png",
        content: contents.get(fileName)!.toString("base64"),
        access: "public" as const,
      }))
    )
    updates.push({
      id: product.id,
      thumbnail: files[0].url,
      images: files.map((f) => ({ url: f.url })),
      metadata: { ...product.metadata, [SEED_IMAGE_KEY]: seedImageMark(fileNames) },
    })
  }
  await updateProductsWorkflow(container).run({ input: { products: updates } })
  created.push(`images of ${stale.length} products (${stale.map((p) => p.handle).join(", ")})`)
}

function seedImageMark(fileNames: readonly string[]): string {
  return fileNames.join(",")
}

async function readImage(fileName: string): Promise<Buffer> {
  try {
    return await readFile(join(IMAGE_DIR, fileName))
  } catch {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Catalogue: product image ${fileName} is missing from ${IMAGE_DIR} (node scripts/make-product-images.mjs draws it; scripts/build.mjs copies the images into the build)`
    )
  }
}
