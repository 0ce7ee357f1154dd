// `medusa lint` (and `medusa build`/`develop`) run ESLint with this file. The
// plugin's rules encode Medusa's conventions for routes, workflows,
// subscribers, jobs, modules and links; it ignores tests by design.
const medusa = require("@medusajs/eslint-plugin")

module.exports = [
  ...medusa.configs.recommended,
  {
    ignores: ["scripts/**", "test-results/**", ".data/**", "eslint.config.js", "jest.config.js"],
  },
]
