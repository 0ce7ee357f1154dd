import { Client } from "pg"

/**
 * One query as the postgres superuser, straight to PostgreSQL rather than through a pooler: the rehearsal's own
 * look at the database, never the services' way in.
 */
export async function postgres<T = Record<string, unknown>>(sql: string, database = "postgres"): Promise<T[]> {
  const client = new Client({ host: "127.0.0.1", port: 5432, user: "postgres", database })
  await client.connect()
  try {
    return (await client.query(sql)).rows as T[]
  } finally {
    await client.end()
  }
}
