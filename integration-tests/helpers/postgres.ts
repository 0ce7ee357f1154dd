import { Client } from "pg"

/**
 * Runs one statement as the machine's postgres superuser (CREATE/DROP
 * DATABASE, terminating sessions); fails with what to start when PostgreSQL
 * is not there.
 */
export async function asPostgres(sql: string): Promise<void> {
  const client = new Client({ host: "127.0.0.1", port: 5432, user: "postgres", database: "postgres" })
  await client.connect().catch((error) => {
    throw new Error(
      `PostgreSQL is not reachable at 127.0.0.1:5432 (${error.message}); start it (pg_ctlcluster 15 main start)`
    )
  })
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
