// @ts-check
import { spawn } from "node:child_process"
import { join } from "node:path"

/** stripe-mock's port, so a storefront set up for it finds this fake too. */
const PORT = 12111
const API_KEY = "sk_test_devfake0000000000000000"
const WEBHOOK_SECRET = "whsec_devfake0000000000000000"

/**
 * DEV_FAKE_STRIPE=true: the fake Stripe API the tests also use (tools/fake-stripe/server.ts) on
 * 127.0.0.1:12111, so `npm run dev` takes Stripe payments with no Stripe account and no network. Medusa's
 * real Stripe provider talks to it through the tests' preload (src/internals/stripe-api-host.js, via NODE_OPTIONS), and it
 * posts signed webhooks to the dev server like Stripe does. Resolves with the variables for Medusa and a
 * stop function.
 *
 * @param {{ root: string, httpPort: string, say: (message: string) => void }} options
 * @returns {Promise<{ env: Record<string, string>, stop: () => void }>}
 */
export async function startDevFakeStripe({ root, httpPort, say }) {
  const child = spawn(
    process.execPath,
    [
      "-r",
      "ts-node/register/transpile-only",
      join(root, "tools", "fake-stripe", "cli.ts"),
      String(PORT),
      `http://localhost:${httpPort}/hooks/payment/stripe_stripe`,
      WEBHOOK_SECRET,
    ],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] }
  )
  const url = await new Promise((resolve, reject) => {
    let output = ""
    child.stdout.on("data", (chunk) => {
      output += chunk
      const match = output.match(/fake Stripe API on (\S+),/)
      if (match) resolve(match[1])
    })
    child.on("exit", (code) => reject(new Error(`the fake Stripe API exited (code ${code}); is port ${PORT} in use?`)))
  })
  say(`DEV_FAKE_STRIPE=true: Stripe payments go to the fake Stripe API on ${url} (no Stripe account, no network)`)
  const preload = join(root, "src", "internals", "stripe-api-host.js")
  return {
    env: {
      STRIPE_API_KEY: API_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TEST_STRIPE_API_URL: String(url),
      NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require "${preload}"`].filter(Boolean).join(" "),
    },
    stop: () => {
      child.kill("SIGTERM")
    },
  }
}
