import { loadCaCertificate } from "../database"
import { errorOf } from "./config-error"
import { files, noFiles, PEM } from "./database-fixtures"

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
