const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

/**
 * One jest config, switched by TEST_TYPE like Medusa's starter:
 *   unit              src/**\/__tests__/**\/*.unit.spec.ts (no services)
 *   integration:http  integration-tests/http/*.spec.ts (real PostgreSQL, and Redis where a suite asks)
 *   deploy            integration-tests/deploy/*.spec.ts (the Railway deploy rehearsal)
 *   e2e               integration-tests/e2e/*.spec.ts (storefront checkout with @medusajs/js-sdk and the
 *                     admin in Chromium, against a built, seeded server + worker; see global-setup.ts)
 *   drills            integration-tests/drills/*.spec.ts (fault drills: processes, Redis and the TLS pooler die
 *                     under a built shop of their own; see integration-tests/drills/global-setup.ts)
 */
module.exports = {
  transform: {
    "^.+\\.[jt]s$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", decorators: true },
        },
      },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/"],
  setupFiles: ["./integration-tests/setup.js"],
}

if (process.env.TEST_TYPE === "integration:http") {
  module.exports.testMatch = ["**/integration-tests/http/*.spec.[jt]s"]
} else if (process.env.TEST_TYPE === "deploy") {
  module.exports.testMatch = ["**/integration-tests/deploy/*.spec.[jt]s"]
} else if (process.env.TEST_TYPE === "e2e") {
  module.exports.testMatch = ["**/integration-tests/e2e/*.spec.[jt]s"]
  module.exports.globalSetup = "./integration-tests/e2e/global-setup.ts"
  module.exports.globalTeardown = "./integration-tests/e2e/global-teardown.ts"
} else if (process.env.TEST_TYPE === "drills") {
  module.exports.testMatch = ["**/integration-tests/drills/*.spec.[jt]s"]
  module.exports.globalSetup = "./integration-tests/drills/global-setup.ts"
  module.exports.globalTeardown = "./integration-tests/e2e/global-teardown.ts"
} else if (process.env.TEST_TYPE === "unit") {
  module.exports.testMatch = ["**/src/**/__tests__/**/*.unit.spec.[jt]s", "**/scripts/__tests__/**/*.unit.spec.[jt]s"]
} else {
  throw new Error(
    "TEST_TYPE must be unit, integration:http, deploy, e2e or drills (use npm test, npm run test:unit or npm run test:integration:http)"
  )
}
