// INTERNAL: the host the Stripe SDK of Medusa's Stripe provider talks to (tests and `npm run dev`'s fake Stripe
// only, never production).
//
// Relies on: stripe 15.x, the copy nested under @medusajs/payment-stripe@2.21.2: the private method
// `Stripe.prototype._getPropsFromConfig(config)`, called once per client in the constructor, whose result holds
// `host`, `port` and `protocol`.
//
// Why: the provider builds its client with `new Stripe(apiKey)` and offers no host option, so a local fake
// (tools/fake-stripe/server.ts) can only be reached by wrapping that method.
//
// When it changes: another major version of the nested SDK, or no such method, throws at load with one line
// naming what was found: a test or `npm run dev` with the fake stops at once rather than calling api.stripe.com.
// Canary: stripeSdkHostHook.
//
// Remove when: @medusajs/payment-stripe accepts an API host (or the SDK reads one from the environment).
//
// Use it as a jest setup file, by requiring it, or in spawned processes with
//   NODE_OPTIONS="--require /abs/path/src/internals/stripe-api-host.js"
//
// With TEST_STRIPE_API_URL (e.g. http://127.0.0.1:12345) set at load time it installs the redirect; without it,
// loading does nothing. installStripeRedirect() installs it later (e.g. once a fake has picked its port).
// The installed redirect reads TEST_STRIPE_API_URL each time a client is built, so a client built while the
// variable is unset talks to Stripe's defaults.
const path = require("node:path")

const SUPPORTED_MAJOR = 15
const INSTALLED = Symbol.for("beauty-shop.stripe-redirect")

/**
 * The stripe package that @medusajs/payment-stripe itself requires (its own nested copy, not the root one), as
 * seen from the process's working directory: the built shop (.medusa/server, where the start scripts run
 * Medusa) has node_modules of its own with another copy, the repository's processes use the repository's.
 */
function loadNestedStripe() {
  const from = [process.cwd(), __dirname]
  let providerDir
  try {
    providerDir = path.dirname(require.resolve("@medusajs/payment-stripe/package.json", { paths: from }))
  } catch {
    // @medusajs/payment-stripe is not hoisted: find it from the module Medusa's config points at.
    const medusaModule = path.dirname(require.resolve("@medusajs/medusa/payment-stripe", { paths: from }))
    providerDir = path.dirname(require.resolve("@medusajs/payment-stripe/package.json", { paths: [medusaModule] }))
  }
  const file = require.resolve("stripe", { paths: [providerDir] })
  return { Stripe: require(file), file }
}

/** Throws unless `Stripe` is a 15.x SDK with the private method the redirect wraps. */
function assertSupportedStripeSdk(Stripe, file = "the Stripe SDK nested under @medusajs/payment-stripe") {
  const version = Stripe && Stripe.PACKAGE_VERSION
  if (typeof version !== "string" || Number(version.split(".")[0]) !== SUPPORTED_MAJOR) {
    throw new Error(
      `stripe-redirect supports only the Stripe SDK ${SUPPORTED_MAJOR}.x nested under @medusajs/payment-stripe, ` +
        `but ${file} is version ${version}. Check that Stripe.prototype._getPropsFromConfig still sets ` +
        "host/port/protocol, then update src/internals/stripe-api-host.js."
    )
  }
  if (!Stripe.prototype || typeof Stripe.prototype._getPropsFromConfig !== "function") {
    throw new Error(
      `stripe-redirect needs the private method Stripe.prototype._getPropsFromConfig, but ${file} ` +
        `(version ${version}) has none. Update src/internals/stripe-api-host.js.`
    )
  }
}

/** "http://127.0.0.1:12345" -> the SDK's { host, port, protocol } config. */
function stripeApiTarget(url) {
  const parsed = new URL(url)
  const protocol = parsed.protocol.replace(/:$/, "")
  if (protocol !== "http" && protocol !== "https") {
    throw new Error(`TEST_STRIPE_API_URL must be an http(s) URL, not ${url}`)
  }
  const port = parsed.port || (protocol === "https" ? "443" : "80")
  return { host: parsed.hostname.replace(/^\[|\]$/g, ""), port, protocol }
}

/** Wraps the nested SDK once; safe to call again. */
function installStripeRedirect() {
  const { Stripe, file } = loadNestedStripe()
  assertSupportedStripeSdk(Stripe, file)
  const proto = Stripe.prototype
  if (proto[INSTALLED]) {
    return
  }
  const original = proto._getPropsFromConfig
  proto._getPropsFromConfig = function (config) {
    const props = original.call(this, config)
    const url = process.env.TEST_STRIPE_API_URL
    return url ? { ...props, ...stripeApiTarget(url) } : props
  }
  Object.defineProperty(proto, INSTALLED, { value: true })
}

if (process.env.TEST_STRIPE_API_URL) {
  installStripeRedirect()
}

module.exports = {
  installStripeRedirect,
  assertSupportedStripeSdk,
  loadNestedStripe,
}
