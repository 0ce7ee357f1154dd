import { buildConfig } from "../index"
import { errorOf } from "./config-error"
import { parseEnv } from "../env"
import { maskSecretsInText, maskUrl } from "../mask"

type ModuleEntry = { resolve: string; options: Record<string, any> }

describe("parseEnv", () => {
  it("rejects an unknown worker mode and lists the three", () => {
    expect(errorOf(() => parseEnv({ MEDUSA_WORKER_MODE: "both" })).message).toBe(
      'MEDUSA_WORKER_MODE: must be one of server, worker, shared (got "both")'
    )
  })

  it("rejects an unknown DATABASE_SSL", () => {
    expect(errorOf(() => parseEnv({ DATABASE_SSL: "on" })).message).toBe(
      'DATABASE_SSL: must be one of disable, require, verify-ca, verify-full (got "on")'
    )
  })

  it("rejects a non-numeric pool size", () => {
    expect(errorOf(() => parseEnv({ DATABASE_POOL_MAX: "ten" })).variable).toBe("DATABASE_POOL_MAX")
  })

  it("treats blank values as unset", () => {
    expect(parseEnv({ MEDUSA_WORKER_MODE: " ", REDIS_URL: "" })).toEqual({})
  })

  it("never echoes a secret back in an error", () => {
    const message = errorOf(() => parseEnv({ DISABLE_MEDUSA_ADMIN: "maybe" })).message
    expect(message).toBe('DISABLE_MEDUSA_ADMIN: must be true or false (got "maybe")')
  })
})

describe("buildConfig in development", () => {
  it("runs with nothing set: shared mode, admin on, development secrets and CORS, no Redis modules, emails logged", () => {
    const built = buildConfig({})
    expect(built.config.projectConfig?.workerMode).toBe("shared")
    expect(built.config.admin?.disable).toBe(false)
    expect(built.config.projectConfig?.http?.jwtSecret).toBe("supersecret")
    expect(built.config.projectConfig?.http?.storeCors).toBe("http://localhost:8000")
    expect((built.config.modules as ModuleEntry[]).map((m) => m.resolve)).toEqual([
      "@medusajs/medusa/notification",
      "@medusajs/medusa/file",
      "./src/modules/store-cache",
      "@medusajs/medusa/translation",
      "./src/modules/cosmetics",
    ])
    expect(built.notification.email).toBe("log")
    // Translations on; the Caching Module's flag stays off (./caches.ts).
    expect(built.config.featureFlags).toEqual({ translation: true })
    expect(built.summary).toContain("languages: da-DK (base content, the default), en-GB (Translation Module)")
    expect(built.summary).toContain(
      "redis: REDIS_URL not set; in-memory event bus, locking, workflow engine and sessions (development only)"
    )
  })

  it("disables the admin in worker mode", () => {
    const built = buildConfig({ MEDUSA_WORKER_MODE: "worker" })
    expect(built.config.admin?.disable).toBe(true)
    expect(built.config.projectConfig?.workerMode).toBe("worker")
    expect(built.summary[0]).toBe("mode: worker; admin off (MEDUSA_WORKER_MODE=worker)")
  })

  it("disables the admin with DISABLE_MEDUSA_ADMIN=true in server mode", () => {
    const built = buildConfig({ MEDUSA_WORKER_MODE: "server", DISABLE_MEDUSA_ADMIN: "true" })
    expect(built.config.admin?.disable).toBe(true)
  })

  it("passes MEDUSA_BACKEND_URL to the admin", () => {
    expect(buildConfig({ MEDUSA_BACKEND_URL: "https://api.example.dk" }).config.admin?.backendUrl).toBe(
      "https://api.example.dk"
    )
  })
})

describe("masking", () => {
  it("masks the password of a URL", () => {
    expect(maskUrl("postgres://user:hunter2@db:5432/x")).toBe("postgres://user:***@db:5432/x")
  })

  it("masks URLs inside free text", () => {
    expect(maskSecretsInText("connect redis://default:abc@r:6379 and postgres://u:p%40ss@h/db failed")).toBe(
      "connect redis://default:***@r:6379 and postgres://u:***@h/db failed"
    )
  })
})
