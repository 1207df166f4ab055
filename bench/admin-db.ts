// The benches make and drop their own databases on the server at TEST_DATABASE_URL.
import { Client } from "pg";

export const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** Runs one statement (CREATE / DROP DATABASE) on its own connection. */
export async function admin(statement: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
