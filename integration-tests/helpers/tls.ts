import { execFileSync } from "node:child_process"
import { writeFileSync } from "node:fs"
import { join } from "node:path"

export interface Certificates {
  caCert: string
  caPem: string
  serverCert: string
  serverKey: string
}

/**
 * A throwaway CA and a server certificate for the given IP, made with the
 * openssl command line: the stand-in for Supabase's root CA and its pooler's
 * certificate.
 */
export function makeCertificates(dir: string, ip: string): Certificates {
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" })
  openssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=Rehearsal Root CA",
    "-keyout",
    "ca.key",
    "-out",
    "ca.crt"
  )
  openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", `/CN=${ip}`, "-keyout", "server.key", "-out", "server.csr")
  writeFileSync(
    join(dir, "server.ext"),
    [
      `subjectAltName=IP:${ip},DNS:localhost`,
      "basicConstraints=CA:FALSE",
      "keyUsage=digitalSignature,keyEncipherment",
      "extendedKeyUsage=serverAuth",
    ].join("\n")
  )
  openssl(
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-days",
    "1",
    "-extfile",
    "server.ext",
    "-out",
    "server.crt"
  )
  return {
    caCert: join(dir, "ca.crt"),
    caPem: execFileSync("cat", [join(dir, "ca.crt")], { encoding: "utf8" }),
    serverCert: join(dir, "server.crt"),
    serverKey: join(dir, "server.key"),
  }
}
