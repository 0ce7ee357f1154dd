import { detectPooler, extractUrlTlsParams, parseDatabaseUrl } from "../database"
import { errorOf } from "./config-error"
import { SUPABASE_TX } from "./database-fixtures"

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
