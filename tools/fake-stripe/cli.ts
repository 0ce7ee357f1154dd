import { startFakeStripe } from "./server"

/**
 * The fake Stripe API as a process of its own, for `npm run dev` with
 * DEV_FAKE_STRIPE=true (scripts/lib/dev-fake-stripe.mjs starts it):
 *   node -r ts-node/register/transpile-only tools/fake-stripe/cli.ts <port> <webhook url> <secret>
 * Prints one line with its URL once it listens; stops on SIGTERM or SIGINT.
 */
async function main(): Promise<void> {
  const [port, webhookUrl, secret] = process.argv.slice(2)
  if (!port || !webhookUrl || !secret) {
    throw new Error("usage: tools/fake-stripe/cli.ts <port> <webhook url> <webhook secret>")
  }
  const fake = await startFakeStripe({ port: Number(port), webhook: { url: webhookUrl, secret } })
  console.log(`fake Stripe API on ${fake.url}, webhooks to ${webhookUrl}`)
  const stop = () => fake.close().finally(() => process.exit(0))
  process.once("SIGTERM", stop)
  process.once("SIGINT", stop)
}

main().catch((error) => {
  console.error(`fake Stripe: ${error instanceof Error ? error.message : error}`)
  process.exit(1)
})
