import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { batchLinkProductsToCollectionWorkflow, createCollectionsWorkflow } from "@medusajs/medusa/core-flows"
import { COLLECTIONS } from "../catalogue-data"
import { missing } from "./missing"

/**
 * The collections of ../catalogue-data.ts, by handle, each with its
 * products. A product is added only while it is in no collection, so a
 * second run changes nothing and a product an admin has moved to another
 * collection stays there. Appends what it changes to `created`.
 */
export async function ensureCollections(container: MedusaContainer, created: string[]): Promise<void> {
  const productModule = container.resolve(Modules.PRODUCT)
  const collections = await productModule.listProductCollections(
    { handle: COLLECTIONS.map((c) => c.handle) },
    { select: ["id", "handle"] }
  )
  const missingCollections = missing(COLLECTIONS, collections, (c) => c.handle)
  if (missingCollections.length) {
    const { result } = await createCollectionsWorkflow(container).run({
      input: { collections: missingCollections.map((c) => ({ title: c.title, handle: c.handle })) },
    })
    collections.push(...result)
    created.push(`collections ${missingCollections.map((c) => `"${c.title}"`).join(", ")}`)
  }

  const products = await productModule.listProducts(
    { handle: COLLECTIONS.flatMap((c) => c.products) },
    { select: ["id", "handle", "collection_id"] }
  )
  for (const collection of COLLECTIONS) {
    const id = collections.find((c) => c.handle === collection.handle)?.id
    if (!id) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Collection "${collection.handle}" is missing`)
    }
    const unplaced = products.filter((p) => collection.products.includes(p.handle) && !p.collection_id)
    if (!unplaced.length) {
      continue
    }
    await batchLinkProductsToCollectionWorkflow(container).run({ input: { id, add: unplaced.map((p) => p.id) } })
    created.push(`${unplaced.length} products in collection "${collection.title}"`)
  }
}
