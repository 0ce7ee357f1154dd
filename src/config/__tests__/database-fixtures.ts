import type { ReadTextFile } from "../database"

export const PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n"
export const SUPABASE_TX = "postgresql://postgres.abcdefgh:s3cr3t-pw@aws-1-eu-west-1.pooler.supabase.com:6543/postgres"
export const SUPABASE_SESSION =
  "postgresql://postgres.abcdefgh:s3cr3t-pw@aws-1-eu-west-1.pooler.supabase.com:5432/postgres"

/** A file system without files. */
export const noFiles: ReadTextFile = (path) => {
  throw new Error(`ENOENT: ${path}`)
}

/** A file system holding exactly these files (path to content). */
export const files =
  (map: Record<string, string>): ReadTextFile =>
  (path) => {
    if (!(path in map)) {
      throw new Error(`ENOENT: ${path}`)
    }
    return map[path]
  }
