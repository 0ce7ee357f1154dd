import type { ExecArgs } from "@medusajs/framework/types"
import { createDefaultsWorkflow } from "@medusajs/medusa/core-flows"

/**
 * The store defaults (store, default sales channel, publishable API key),
 * created once by `npm run migrate` (its migration scripts step) instead of by
 * whichever process boots first.
 *
 * `medusa start` runs createDefaultsWorkflow on every boot, in every mode. Its
 * steps read, then create when nothing is there, with nothing between the
 * read and the write, so a server and a worker booting at the same moment on a
 * freshly migrated database both create a store (two rows in `store`). Here it
 * runs before either boots (the start scripts wait for this step), through the
 * migration's session connection and under the migration scripts' lock, so
 * the boots only ever find the defaults in place. Recorded in
 * `script_migrations`, it runs once per database.
 */
export default async function createDefaults({ container }: ExecArgs): Promise<void> {
  await createDefaultsWorkflow(container).run()
}
