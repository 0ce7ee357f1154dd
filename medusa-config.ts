import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import { configFromEnvironment } from "./src/config/medusa"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

module.exports = defineConfig(configFromEnvironment(process.env))
