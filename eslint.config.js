// `medusa lint` (and `medusa build`/`develop`) run ESLint with this file. The
// plugin's rules encode Medusa's conventions for routes, workflows,
// subscribers, jobs, modules and links; it ignores tests by design.
const medusa = require("@medusajs/eslint-plugin")

module.exports = [
  ...medusa.configs.recommended,
  {
    // scripts/ and tools/ are not Medusa app code: launchers, and a stand-in for Stripe's API whose errors are
    // Stripe's, not Medusa's.
    ignores: ["scripts/**", "tools/**", "test-results/**", ".data/**", "eslint.config.js", "jest.config.js"],
  },
  {
    // The test-only internals stop a test run with a plain Error naming the upstream file that changed; no
    // request ever reaches them, so there is no HTTP status for a MedusaError to map to.
    files: ["src/internals/medusa-db-error-mapper.ts", "src/internals/stripe-api-host.js"],
    rules: { "@medusajs/use-medusa-error-not-generic-error": "off" },
  },
]
