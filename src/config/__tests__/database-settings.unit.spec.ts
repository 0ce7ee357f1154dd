import { databaseSettings } from "../database"
import { files, noFiles, PEM, SUPABASE_SESSION, SUPABASE_TX } from "./database-fixtures"

describe("databaseSettings", () => {
  it("is undefined without DATABASE_URL", () => {
    expect(databaseSettings({}, noFiles)).toBeUndefined()
  })

  it("configures Supabase's transaction pooler: verified TLS with the CA, no idle pool minimum", () => {
    const settings = databaseSettings({ DATABASE_URL: SUPABASE_TX, DATABASE_CA_CERT: PEM }, noFiles)!
    expect(settings.pooler).toBe("transaction")
    expect(settings.sslMode).toBe("verify-full")
    expect(settings.driverOptions).toEqual({
      connection: { ssl: { ca: PEM, rejectUnauthorized: true } },
      pool: { min: 0, max: 10, idleTimeoutMillis: 10_000 },
    })
    expect(settings.url).toBe(SUPABASE_TX)
    expect(settings.warnings.map((w) => w.message)).toEqual([])
  })

  it("keeps the session pooler's client count small", () => {
    const settings = databaseSettings({ DATABASE_URL: SUPABASE_SESSION, DATABASE_CA_CERT: PEM }, noFiles)!
    expect(settings.pooler).toBe("session")
    expect(settings.driverOptions.pool).toEqual({ min: 0, max: 5, idleTimeoutMillis: 10_000 })
  })

  it("leaves a local database unencrypted and Medusa's pool defaults alone", () => {
    const settings = databaseSettings({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/shop" }, noFiles)!
    expect(settings.driverOptions).toEqual({ connection: { ssl: false } })
    expect(settings.sslSource).toBe("default for a local host")
  })

  it("verifies a remote host by default even without a CA (never plain text, never unverified by accident)", () => {
    const settings = databaseSettings({ DATABASE_URL: "postgres://u:p@db.example.com:5432/shop" }, noFiles)!
    expect(settings.driverOptions.connection.ssl).toEqual({ rejectUnauthorized: true })
  })

  it("treats 127.0.0.2 like a remote host, as Medusa does", () => {
    const settings = databaseSettings({ DATABASE_URL: "postgres://u:p@127.0.0.2:6543/postgres" }, noFiles)!
    expect(settings.sslMode).toBe("verify-full")
    expect(settings.pooler).toBe("transaction")
  })

  it("converts sslmode=require in the URL into ssl without verification, strips it and warns", () => {
    const settings = databaseSettings({ DATABASE_URL: `${SUPABASE_TX}?sslmode=require` }, noFiles)!
    expect(settings.url).toBe(SUPABASE_TX)
    expect(settings.driverOptions.connection.ssl).toEqual({ rejectUnauthorized: false })
    expect(settings.warnings.map((w) => w.message)).toEqual([
      "DATABASE_URL: removed ?sslmode from the URL and applied it as the ssl option (set DATABASE_SSL instead)",
      "database TLS is encrypted but the server certificate is NOT verified; set DATABASE_CA_CERT (Supabase: prod-ca-2021.crt) to verify it",
    ])
  })

  it("verifies the chain when sslmode=require comes with a CA, like libpq", () => {
    const settings = databaseSettings(
      { DATABASE_URL: `${SUPABASE_TX}?sslmode=require`, DATABASE_CA_CERT: PEM },
      noFiles
    )!
    const ssl = settings.driverOptions.connection.ssl as { ca: string; rejectUnauthorized: boolean }
    expect(ssl.ca).toBe(PEM)
    expect(ssl.rejectUnauthorized).toBe(true)
  })

  it("normalises pgbouncer=true and a Medusa 1 DATABASE_EXTRA, and warns", () => {
    const settings = databaseSettings(
      { DATABASE_URL: `${SUPABASE_TX}?pgbouncer=true`, DATABASE_EXTRA: '{"ssl":{"rejectUnauthorized":false}}' },
      noFiles
    )!
    expect(settings.url).toBe(SUPABASE_TX)
    expect(settings.sslMode).toBe("require")
    expect(settings.sslSource).toBe("DATABASE_EXTRA")
    expect(settings.warnings[0]?.message).toBe(
      "DATABASE_URL: removed ?pgbouncer= (a Prisma flag that node-postgres ignores)"
    )
  })

  it("lets DATABASE_SSL win over the URL and says so", () => {
    const settings = databaseSettings(
      { DATABASE_URL: `${SUPABASE_TX}?sslmode=require`, DATABASE_SSL: "verify-full", DATABASE_CA_CERT: PEM },
      noFiles
    )!
    expect(settings.sslMode).toBe("verify-full")
    expect(settings.warnings.map((w) => w.message)).toContain(
      "conflicting TLS settings (DATABASE_SSL=verify-full, DATABASE_URL sslmode=require); using DATABASE_SSL"
    )
  })

  it("verify-ca checks the chain but not the host name", () => {
    const settings = databaseSettings(
      { DATABASE_URL: SUPABASE_TX, DATABASE_SSL: "verify-ca", DATABASE_CA_CERT: PEM },
      noFiles
    )!
    const ssl = settings.driverOptions.connection.ssl as {
      checkServerIdentity: () => unknown
      rejectUnauthorized: boolean
    }
    expect(ssl.rejectUnauthorized).toBe(true)
    expect(ssl.checkServerIdentity()).toBeUndefined()
  })

  it("reads the CA from ?sslrootcert= when DATABASE_CA_CERT is not set", () => {
    const settings = databaseSettings(
      { DATABASE_URL: `${SUPABASE_TX}?sslrootcert=/ca.pem` },
      files({ "/ca.pem": PEM })
    )!
    expect(settings.caProvided).toBe(true)
    expect(settings.url).toBe(SUPABASE_TX)
  })

  it("lets DATABASE_POOL_MAX override the pool size", () => {
    const settings = databaseSettings(
      { DATABASE_URL: SUPABASE_TX, DATABASE_POOL_MAX: 3, DATABASE_CA_CERT: PEM },
      noFiles
    )!
    expect(settings.driverOptions.pool).toEqual({ min: 0, max: 3, idleTimeoutMillis: 10_000 })
  })

  it("warns when TLS is switched off for a remote host", () => {
    const settings = databaseSettings({ DATABASE_URL: SUPABASE_TX, DATABASE_SSL: "disable" }, noFiles)!
    expect(settings.driverOptions.connection.ssl).toBe(false)
    expect(settings.warnings.map((w) => w.message)).toEqual([
      "database TLS is disabled for remote host aws-1-eu-west-1.pooler.supabase.com; traffic and password travel in plain text",
    ])
  })
})
