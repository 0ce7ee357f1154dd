// Test-only preload for the e2e suite's processes (NODE_OPTIONS="--require <this file>", with TEST_STRIPE_API_URL):
// the redirect of integration-tests/helpers/stripe-redirect.js to the fake Stripe API, also for the built shop.
//
// stripe-redirect.js patches the Stripe SDK under the repository's node_modules, which `npm run dev`, the seed and
// the in-process tests use. The built shop (.medusa/server, what npm run start:server and start:worker run) has
// node_modules of its own with another copy of @medusajs/payment-stripe and its Stripe SDK; this preload wraps that
// copy the same way, in the processes that run there (medusa start, started by scripts/start.mjs in .medusa/server),
// and leaves every other process (the build among them, which rewrites that directory) to stripe-redirect.js.
const path = require("node:path")
const { redirectStripeClass } = require("../../helpers/stripe-redirect.js")

const BUILT_SHOP = path.join(__dirname, "..", "..", "..", ".medusa", "server")

/** The file of the Stripe SDK the built shop's Stripe provider requires. */
function builtStripeFile() {
  const providerDir = path.dirname(require.resolve("@medusajs/payment-stripe/package.json", { paths: [BUILT_SHOP] }))
  return require.resolve("stripe", { paths: [providerDir] })
}

function installForBuiltShop() {
  const file = builtStripeFile()
  redirectStripeClass(require(file), file)
}

const inBuiltShop = process.cwd() === BUILT_SHOP || process.cwd().startsWith(`${BUILT_SHOP}${path.sep}`)
if (process.env.TEST_STRIPE_API_URL && inBuiltShop) {
  installForBuiltShop()
}
