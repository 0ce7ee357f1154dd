import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import S3rver from "s3rver"

export interface ThrowawayS3 {
  /** The S3_ variables that point the shop at this server's bucket. */
  env: Record<string, string>
  endpoint: string
  bucket: string
  /** The directory s3rver keeps objects in (survives a restart of the shop). */
  directory: string
  /** Every object key in the bucket. */
  keys: () => Promise<string[]>
  close: () => Promise<void>
}

/**
 * A real S3-compatible server (the npm package s3rver) with one bucket, on a
 * free port of 127.0.0.1, for tests that store files the way production does.
 * s3rver checks SigV4 signatures against its fixed credentials S3RVER/S3RVER
 * and serves objects to anonymous GETs, like a public Supabase bucket.
 */
export async function startS3Server(bucket = "media"): Promise<ThrowawayS3> {
  const directory = mkdtempSync(join(tmpdir(), "beauty-s3-"))
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  })
  const { port } = (await server.run()) as unknown as { port: number }
  const endpoint = `http://127.0.0.1:${port}`
  return {
    env: {
      S3_BUCKET: bucket,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_ENDPOINT: endpoint,
      S3_FILE_URL: `${endpoint}/${bucket}`,
    },
    endpoint,
    bucket,
    directory,
    keys: async () => {
      const response = await fetch(`${endpoint}/${bucket}?list-type=2`)
      const xml = await response.text()
      return [...xml.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1])
    },
    close: async () => {
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}
