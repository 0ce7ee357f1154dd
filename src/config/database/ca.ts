import { ConfigError } from "../errors"

/** Reads a CA file; injected so the config stays a pure function in tests. */
export type ReadTextFile = (path: string) => string

/** DATABASE_CA_CERT holds the PEM itself or a path to it. */
export function loadCaCertificate(value: string, readTextFile: ReadTextFile, variable = "DATABASE_CA_CERT"): string {
  // Railway's variable editor and .env files often carry the PEM on one line
  // with literal "\n" sequences.
  const inline = value.includes("\\n") ? value.replace(/\\n/g, "\n") : value
  if (inline.includes("-----BEGIN CERTIFICATE-----")) {
    return inline.trim() + "\n"
  }
  let text: string
  try {
    text = readTextFile(value.trim())
  } catch {
    throw new ConfigError(
      variable,
      `is neither a PEM certificate nor a readable file ("${value.trim()}"); paste the PEM or give its path`
    )
  }
  if (!text.includes("-----BEGIN CERTIFICATE-----")) {
    throw new ConfigError(variable, `file "${value.trim()}" contains no PEM certificate (-----BEGIN CERTIFICATE-----)`)
  }
  return text
}

/**
 * The CA, from the first of: DATABASE_CA_CERT, the URL's ?sslrootcert=,
 * DATABASE_EXTRA's ssl.ca.
 */
export function chooseCa(
  caCert: string | undefined,
  rootCertPath: string | undefined,
  extraCa: string | undefined,
  readTextFile: ReadTextFile
): string | undefined {
  if (caCert && caCert.trim() !== "") {
    return loadCaCertificate(caCert, readTextFile)
  }
  if (rootCertPath) {
    return loadCaCertificate(rootCertPath, readTextFile, "DATABASE_URL (?sslrootcert=)")
  }
  return extraCa || undefined
}
