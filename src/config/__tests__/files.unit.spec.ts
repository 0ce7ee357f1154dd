import { buildConfig } from "../index"
import { fileSettings } from "../files"
import { errorOf } from "./config-error"
import { PRODUCTION, SUPABASE_STORAGE } from "./production-env"

const AWS = {
  S3_BUCKET: "beauty-media",
  S3_REGION: "eu-north-1",
  S3_ACCESS_KEY_ID: "AKIAEXAMPLE",
  S3_SECRET_ACCESS_KEY: "aws-secret-value",
  S3_FILE_URL: "https://beauty-media.s3.eu-north-1.amazonaws.com",
}

function s3Options(settings: ReturnType<typeof fileSettings>) {
  const providers = settings.module?.options?.providers as Array<{ resolve: string; options: Record<string, unknown> }>
  expect(providers.map((p) => p.resolve)).toEqual(["@medusajs/medusa/file-s3"])
  return providers[0].options
}

describe("fileSettings", () => {
  it("keeps files on local disk in development, with URLs that name this server", () => {
    const settings = fileSettings({ PORT: "9411" }, { production: false })
    expect(settings.storage).toBe("local")
    expect(settings.module?.options?.providers).toEqual([
      { resolve: "@medusajs/medusa/file-local", id: "local", options: { backend_url: "http://localhost:9411/static" } },
    ])
    expect(settings.summary).toBe(
      "files: on this machine's disk, served under http://localhost:9411/static (S3_BUCKET not set)"
    )
    expect(settings.warnings).toEqual([])
    expect(fileSettings({ MEDUSA_BACKEND_URL: "https://api.shop.dk/" }, { production: false }).summary).toContain(
      "served under https://api.shop.dk/static"
    )
  })

  it("refuses local files in production unless FILES_LOCAL_ONLY says they are intended", () => {
    expect(errorOf(() => fileSettings({}, { production: true })).message).toMatch(
      /^S3_BUCKET: production needs object storage for uploads \(on the container's disk they vanish at the next deploy/
    )
    const intended = fileSettings({ FILES_LOCAL_ONLY: true }, { production: true })
    expect(intended.storage).toBe("local")
    expect(intended.warnings.map((w) => w.message)).toEqual([
      "FILES_LOCAL_ONLY=true: uploaded images stay on the server's disk, the next deploy deletes them and the worker cannot read them",
      "file URLs name http://localhost: MEDUSA_BACKEND_URL is not set",
    ])
  })

  it("configures Supabase Storage with path-style addressing, no ACLs and checksums only where required", () => {
    const settings = fileSettings(SUPABASE_STORAGE, { production: true })
    expect(s3Options(settings)).toEqual({
      file_url: "https://ref.supabase.co/storage/v1/object/public/media",
      access_key_id: SUPABASE_STORAGE.S3_ACCESS_KEY_ID,
      secret_access_key: SUPABASE_STORAGE.S3_SECRET_ACCESS_KEY,
      region: "eu-west-1",
      bucket: "media",
      endpoint: "https://ref.supabase.co/storage/v1/s3",
      prefix: "",
      acl: false,
      additional_client_config: {
        forcePathStyle: true,
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      },
    })
    expect(settings.summary).toBe(
      "files: S3 bucket media at ref.supabase.co; public URLs under https://ref.supabase.co/storage/v1/object/public/media"
    )
    expect(settings.warnings).toEqual([])
  })

  it("works on AWS without an endpoint, and turns a prefix into a folder", () => {
    const settings = fileSettings({ ...AWS, S3_PREFIX: "/products" }, { production: true })
    expect(s3Options(settings)).toMatchObject({ endpoint: undefined, prefix: "products/" })
    expect(settings.summary).toBe(
      "files: S3 bucket beauty-media/products/ at AWS eu-north-1; public URLs under https://beauty-media.s3.eu-north-1.amazonaws.com"
    )
  })

  it("names the first missing variable of a partial S3 configuration", () => {
    const { S3_REGION: _omit, ...withoutRegion } = SUPABASE_STORAGE
    expect(errorOf(() => fileSettings(withoutRegion, { production: false })).message).toBe(
      "S3_REGION: is required when S3_BUCKET is set (S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_FILE_URL; S3_ENDPOINT too unless on AWS)"
    )
  })

  it("refuses FILES_LOCAL_ONLY together with S3 variables", () => {
    expect(errorOf(() => fileSettings({ ...AWS, FILES_LOCAL_ONLY: true }, { production: true })).variable).toBe(
      "FILES_LOCAL_ONLY"
    )
  })

  it("refuses URLs that are not http(s)", () => {
    expect(errorOf(() => fileSettings({ ...AWS, S3_FILE_URL: "media/images" }, { production: false })).message).toBe(
      "S3_FILE_URL: must be an http(s) URL"
    )
    expect(
      errorOf(() => fileSettings({ ...AWS, S3_ENDPOINT: "ftp://storage.example.com" }, { production: false })).message
    ).toBe("S3_ENDPOINT: must be an http(s) URL")
  })

  it("refuses the S3 endpoint as the public file URL", () => {
    const error = errorOf(() =>
      fileSettings({ ...SUPABASE_STORAGE, S3_FILE_URL: SUPABASE_STORAGE.S3_ENDPOINT + "/" }, { production: false })
    )
    expect(error.message).toMatch(/^S3_FILE_URL: is the S3 endpoint, which does not serve files to browsers/)
  })

  it("checks Supabase's endpoint path and its public URL for the bucket", () => {
    expect(
      errorOf(() =>
        fileSettings({ ...SUPABASE_STORAGE, S3_ENDPOINT: "https://ref.supabase.co/storage/v1" }, { production: false })
      ).message
    ).toMatch(/^S3_ENDPOINT: Supabase's S3 endpoint ends in \/storage\/v1\/s3/)
    expect(
      errorOf(() =>
        fileSettings(
          { ...SUPABASE_STORAGE, S3_FILE_URL: "https://ref.supabase.co/storage/v1/object/public/other" },
          { production: false }
        )
      ).message
    ).toBe(
      "S3_FILE_URL: Supabase serves a public bucket's files from https://<ref>.supabase.co/storage/v1/object/public/media (the bucket must be public)"
    )
  })

  it("warns about a public URL without https in production", () => {
    const settings = fileSettings(
      { ...AWS, S3_ENDPOINT: "http://127.0.0.1:4569", S3_FILE_URL: "http://127.0.0.1:4569/beauty-media" },
      { production: true }
    )
    expect(settings.warnings.map((w) => w.message)).toEqual([
      "S3_FILE_URL is not https: an admin or storefront served over https shows no images from it",
    ])
  })
})

describe("files in the whole configuration", () => {
  it("adds the file module and never prints the secret", () => {
    const built = buildConfig(PRODUCTION)
    const resolves = (built.config.modules as Array<{ resolve: string }>).map((m) => m.resolve)
    expect(resolves).toContain("@medusajs/medusa/file")
    const printed = JSON.stringify([built.summary, built.warnings])
    expect(printed).not.toContain(SUPABASE_STORAGE.S3_SECRET_ACCESS_KEY)
  })

  it("stops the build on a missing bucket, naming S3_BUCKET", () => {
    const { S3_BUCKET: _omit, ...env } = PRODUCTION
    expect(errorOf(() => buildConfig(env)).message).toMatch(/^S3_BUCKET: is required when S3_REGION is set/)
  })
})
