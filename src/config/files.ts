import type { Env } from "./env"
import { ConfigError, configWarning, type ConfigWarning } from "./errors"
import type { ModuleDeclaration } from "./modules"

/**
 * Where uploaded files (product images, import CSVs) live. With S3_BUCKET and
 * its companions, Medusa's S3 provider on any S3-compatible store (Supabase
 * Storage, AWS S3, R2, MinIO); without, Medusa's default local provider,
 * which writes to the container's disk: the worker cannot read those files
 * (product imports break), the URLs name the server's host, and the next
 * deploy deletes them. Production therefore refuses local files unless
 * FILES_LOCAL_ONLY=true says they are intended.
 *
 * Settings for S3-compatible stores, each needed by Supabase and harmless on AWS:
 * - path-style addressing (`forcePathStyle`): Supabase serves buckets under
 *   the endpoint's path, not as subdomains;
 * - no object ACLs (`acl: false`): Supabase ignores them and public access
 *   is a property of the bucket;
 * - checksums only where S3 requires them: newer AWS SDKs otherwise add a
 *   CRC32 of an empty body to presigned upload URLs (the admin's CSV import
 *   uploads through one), which S3-compatible stores reject;
 * - S3_FILE_URL, the public URL of the bucket, which differs from the S3
 *   endpoint (Supabase: .../storage/v1/object/public/<bucket>).
 */
export interface FileSettings {
  module?: ModuleDeclaration
  storage: "s3" | "local"
  summary: string
  warnings: ConfigWarning[]
}

type FileEnv = Pick<
  Env,
  | "S3_BUCKET"
  | "S3_REGION"
  | "S3_ACCESS_KEY_ID"
  | "S3_SECRET_ACCESS_KEY"
  | "S3_FILE_URL"
  | "S3_ENDPOINT"
  | "S3_PREFIX"
  | "FILES_LOCAL_ONLY"
  | "MEDUSA_BACKEND_URL"
  | "PORT"
>

const REQUIRED = ["S3_BUCKET", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_FILE_URL"] as const
const ALL = [...REQUIRED, "S3_ENDPOINT", "S3_PREFIX"] as const

const S3_CLIENT_CONFIG = {
  forcePathStyle: true,
  requestChecksumCalculation: "WHEN_REQUIRED",
  responseChecksumValidation: "WHEN_REQUIRED",
} as const

export function fileSettings(env: FileEnv, { production }: { production: boolean }): FileSettings {
  const given = ALL.filter((name) => env[name])
  if (!given.length) {
    return localFiles(env, production)
  }
  if (env.FILES_LOCAL_ONLY === true) {
    throw new ConfigError(
      "FILES_LOCAL_ONLY",
      `is true while ${given[0]} is set: unset FILES_LOCAL_ONLY to store files in S3, or unset the S3_ variables to keep them on disk`
    )
  }
  const missing = REQUIRED.find((name) => !env[name])
  if (missing) {
    throw new ConfigError(
      missing,
      `is required when ${given[0]} is set (${REQUIRED.join(", ")}; S3_ENDPOINT too unless on AWS)`
    )
  }
  const endpoint = env.S3_ENDPOINT ? httpUrl("S3_ENDPOINT", env.S3_ENDPOINT) : undefined
  const fileUrl = httpUrl("S3_FILE_URL", env.S3_FILE_URL!)
  const bucket = env.S3_BUCKET!
  if (endpoint && sameLocation(endpoint, fileUrl)) {
    throw new ConfigError(
      "S3_FILE_URL",
      "is the S3 endpoint, which does not serve files to browsers; set the bucket's public URL (Supabase: https://<ref>.supabase.co/storage/v1/object/public/<bucket>)"
    )
  }
  if (endpoint?.hostname.endsWith(".supabase.co")) {
    checkSupabase(endpoint, fileUrl, bucket)
  }
  const warnings: ConfigWarning[] = []
  if (production && fileUrl.protocol !== "https:") {
    warnings.push(
      configWarning(
        "S3_FILE_URL is not https: an admin or storefront served over https shows no images from it",
        "use the bucket's https URL"
      )
    )
  }
  const prefix = env.S3_PREFIX ? `${env.S3_PREFIX.replace(/^\/+|\/+$/g, "")}/` : ""
  const location = endpoint ? endpoint.host : `AWS ${env.S3_REGION}`
  return {
    module: {
      resolve: "@medusajs/medusa/file",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/file-s3",
            id: "s3",
            options: {
              file_url: fileUrl.href.replace(/\/+$/, ""),
              access_key_id: env.S3_ACCESS_KEY_ID,
              secret_access_key: env.S3_SECRET_ACCESS_KEY,
              region: env.S3_REGION,
              bucket,
              endpoint: endpoint?.href.replace(/\/+$/, ""),
              prefix,
              acl: false,
              additional_client_config: S3_CLIENT_CONFIG,
            },
          },
        ],
      },
    },
    storage: "s3",
    summary: `files: S3 bucket ${bucket}${prefix ? `/${prefix}` : ""} at ${location}; public URLs under ${fileUrl.origin}${fileUrl.pathname.replace(/\/+$/, "")}`,
    warnings,
  }
}

function localFiles(env: FileEnv, production: boolean): FileSettings {
  if (production && env.FILES_LOCAL_ONLY !== true) {
    throw new ConfigError(
      "S3_BUCKET",
      "production needs object storage for uploads (on the container's disk they vanish at the next deploy and the worker cannot read them): set S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_FILE_URL and S3_ENDPOINT, or FILES_LOCAL_ONLY=true to keep files on disk on purpose"
    )
  }
  // Medusa's local provider names files http://localhost:9000/static/… whatever the
  // port or host; its URLs follow this server instead.
  const server = (env.MEDUSA_BACKEND_URL ?? `http://localhost:${env.PORT ?? 9000}`).replace(/\/+$/, "")
  const warnings: ConfigWarning[] = []
  if (production) {
    warnings.push(
      configWarning(
        "FILES_LOCAL_ONLY=true: uploaded images stay on the server's disk, the next deploy deletes them and the worker cannot read them",
        "set the S3_ variables (Supabase Storage: docs/configuration.md#files-s3-supabase-storage) and unset FILES_LOCAL_ONLY"
      )
    )
    if (!env.MEDUSA_BACKEND_URL) {
      warnings.push(
        configWarning(
          "file URLs name http://localhost: MEDUSA_BACKEND_URL is not set",
          "set MEDUSA_BACKEND_URL to the server's public URL"
        )
      )
    }
  }
  return {
    module: {
      resolve: "@medusajs/medusa/file",
      options: {
        providers: [
          { resolve: "@medusajs/medusa/file-local", id: "local", options: { backend_url: `${server}/static` } },
        ],
      },
    },
    storage: "local",
    summary: `files: on this machine's disk, served under ${server}/static (${env.FILES_LOCAL_ONLY === true ? "FILES_LOCAL_ONLY=true" : "S3_BUCKET not set"})`,
    warnings,
  }
}

function httpUrl(variable: string, value: string): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError(variable, "must be an http(s) URL")
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError(variable, "must be an http(s) URL")
  }
  return url
}

function sameLocation(a: URL, b: URL): boolean {
  const path = (u: URL) => u.pathname.replace(/\/+$/, "")
  return a.origin === b.origin && path(a) === path(b)
}

function checkSupabase(endpoint: URL, fileUrl: URL, bucket: string): void {
  if (!/\/storage\/v1\/s3\/?$/.test(endpoint.pathname)) {
    throw new ConfigError(
      "S3_ENDPOINT",
      "Supabase's S3 endpoint ends in /storage/v1/s3 (https://<ref>.supabase.co/storage/v1/s3, Project Settings → Storage)"
    )
  }
  if (!fileUrl.pathname.replace(/\/+$/, "").endsWith(`/storage/v1/object/public/${bucket}`)) {
    throw new ConfigError(
      "S3_FILE_URL",
      `Supabase serves a public bucket's files from https://<ref>.supabase.co/storage/v1/object/public/${bucket} (the bucket must be public)`
    )
  }
}
