import {
  databaseSettings,
  detectPooler,
  extractUrlTlsParams,
  loadCaCertificate,
  parseDatabaseExtra,
  parseDatabaseUrl,
  type ReadTextFile,
} from "../database"
import { errorOf } from "./config-error"

const PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n"
const SUPABASE_TX = "postgresql://postgres.abcdefgh:s3cr3t-pw@aws-1-eu-west-1.pooler.supabase.com:6543/postgres"
const SUPABASE_SESSION = "postgresql://postgres.abcdefgh:s3cr3t-pw@aws-1-eu-west-1.pooler.supabase.com:5432/postgres"

const noFiles: ReadTextFile = (path) => {
  throw new Error(`ENOENT: ${path}`)
}
const files =
  (map: Record<string, string>): ReadTextFile =>
  (path) => {
    if (!(path in map)) {
      throw new Error(`ENOENT: ${path}`)
    }
    return map[path]
  }

describe("parseDatabaseUrl", () => {
  it("reads host, port and database", () => {
    expect(parseDatabaseUrl(SUPABASE_TX)).toMatchObject({
      host: "aws-1-eu-west-1.pooler.supabase.com",
      port: 6543,
      database: "postgres",
    })
  })

  it("defaults the port to 5432", () => {
    expect(parseDatabaseUrl("postgres://u@db.example.com/shop").port).toBe(5432)
  })

  it("rejects a string that is not a URL, naming the variable and masking nothing it should not echo", () => {
    const error = errorOf(() => parseDatabaseUrl("not a url"))
    expect(error.message).toBe(
      'DATABASE_URL: "not a url" is not a URL; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE'
    )
  })

  it("rejects another scheme", () => {
    expect(errorOf(() => parseDatabaseUrl("mysql://u:p@h/db")).message).toBe(
      'DATABASE_URL: scheme "mysql:" is not PostgreSQL; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE'
    )
  })

  it("rejects a URL without a database and masks its password", () => {
    const message = errorOf(() => parseDatabaseUrl("postgres://u:hunter2@h:5432")).message
    expect(message).toContain("names no database")
    expect(message).toContain("u:***@h")
    expect(message).not.toContain("hunter2")
  })
})

describe("detectPooler", () => {
  it.each([
    ["aws-1-eu-west-1.pooler.supabase.com", 6543, "transaction"],
    ["127.0.0.2", 6543, "transaction"],
    ["aws-1-eu-west-1.pooler.supabase.com", 5432, "session"],
    ["db.abcdefgh.supabase.co", 5432, "direct"],
    ["127.0.0.1", 5432, "direct"],
  ] as const)("%s:%d is a %s connection", (host, port, kind) => {
    expect(detectPooler(host, port)).toBe(kind)
  })
})

describe("extractUrlTlsParams", () => {
  it("removes sslmode, ssl_mode, sslrootcert and pgbouncer and reports their meaning", () => {
    const url = new URL(
      `${SUPABASE_TX}?sslmode=verify-full&pgbouncer=true&sslrootcert=/certs/ca.crt&application_name=shop`
    )
    const result = extractUrlTlsParams(url)
    expect(result.sslMode).toBe("verify-full")
    expect(result.rootCertPath).toBe("/certs/ca.crt")
    expect(result.removed).toEqual(["sslmode", "sslrootcert", "pgbouncer"])
    expect(result.cleanUrl.search).toBe("?application_name=shop")
  })

  it("treats Medusa's own ssl_mode like sslmode", () => {
    expect(extractUrlTlsParams(new URL(`${SUPABASE_TX}?ssl_mode=disable`)).sslMode).toBe("disable")
  })

  it("rejects an unknown sslmode with the allowed values", () => {
    expect(errorOf(() => extractUrlTlsParams(new URL(`${SUPABASE_TX}?sslmode=maybe`))).message).toBe(
      'DATABASE_URL (?sslmode=): unknown SSL mode "maybe"; use one of disable, require, verify-ca, verify-full'
    )
  })

  it("refuses client certificates instead of silently ignoring them", () => {
    expect(errorOf(() => extractUrlTlsParams(new URL(`${SUPABASE_TX}?sslcert=/c.crt`))).variable).toBe("DATABASE_URL")
  })
})

describe("parseDatabaseExtra", () => {
  it("accepts the Medusa 1 shape of DATABASE_EXTRA as an explicit no-verify request", () => {
    expect(parseDatabaseExtra('{"ssl":{"rejectUnauthorized":false}}')).toEqual({ ssl: "require", connection: {} })
  })

  it("accepts the Medusa 2 shape with pool settings and other pg options", () => {
    expect(
      parseDatabaseExtra(
        '{"connection":{"ssl":{"rejectUnauthorized":true,"ca":"PEM"},"statement_timeout":5000},"pool":{"min":0,"max":4}}'
      )
    ).toEqual({
      ssl: "verify-full",
      ca: "PEM",
      connection: { statement_timeout: 5000 },
      pool: { min: 0, max: 4 },
    })
  })

  it("turns malformed JSON into a one-line error naming the variable", () => {
    const message = errorOf(() => parseDatabaseExtra("{ssl: false")).message
    expect(message).toMatch(/^DATABASE_EXTRA: is not valid JSON \(.+\); e\.g\. \{"connection"/)
    expect(message).not.toContain("\n")
  })

  it("rejects unknown keys rather than ignoring them", () => {
    expect(errorOf(() => parseDatabaseExtra('{"sll":{}}')).message).toMatch(/^DATABASE_EXTRA: .*sll/)
  })

  it("rejects pool keys Medusa would silently drop", () => {
    expect(errorOf(() => parseDatabaseExtra('{"pool":{"acquireTimeoutMillis":1}}')).message).toMatch(
      /^DATABASE_EXTRA: .*acquireTimeoutMillis/
    )
  })

  it("rejects ssl given in both shapes at once", () => {
    expect(errorOf(() => parseDatabaseExtra('{"ssl":true,"connection":{"ssl":false}}')).message).toContain(
      "sets ssl twice"
    )
  })

  it("treats a blank value as unset", () => {
    expect(parseDatabaseExtra("  ")).toBeUndefined()
  })
})

describe("loadCaCertificate", () => {
  it("takes inline PEM, also with literal \\n escapes", () => {
    expect(loadCaCertificate(PEM.replace(/\n/g, "\\n"), noFiles)).toBe(PEM)
  })

  it("reads a file path", () => {
    expect(loadCaCertificate("/certs/prod-ca-2021.crt", files({ "/certs/prod-ca-2021.crt": PEM }))).toBe(PEM)
  })

  it("fails clearly for a missing file", () => {
    expect(errorOf(() => loadCaCertificate("/nope.crt", noFiles)).message).toBe(
      'DATABASE_CA_CERT: is neither a PEM certificate nor a readable file ("/nope.crt"); paste the PEM or give its path'
    )
  })

  it("fails clearly for a file without a certificate", () => {
    expect(errorOf(() => loadCaCertificate("/x", files({ "/x": "hello" }))).message).toContain("contains no PEM")
  })
})

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
