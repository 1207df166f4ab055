// The app's one database connection, opened (and migrated) on first use.
import { env } from "../env";
import { connect, type Connection } from "./connect";

export type { Database, DatabaseKind } from "./connect";

const holder = globalThis as typeof globalThis & { treueDb?: Promise<Connection> };

export function getConnection(): Promise<Connection> {
  holder.treueDb ??= openConfiguredDatabase().catch((error: unknown) => {
    holder.treueDb = undefined; // let the next request try again
    throw error;
  });
  return holder.treueDb;
}

export async function getDb() {
  return (await getConnection()).db;
}

/** Opens (and migrates) the database the environment configures; scripts pass a small pool. */
export function openConfiguredDatabase(poolSize?: number): Promise<Connection> {
  const config = env();
  return config.databaseUrl
    ? connect({ kind: "postgres", url: config.databaseUrl, poolSize })
    : connect({ kind: "pglite", dataDir: config.dataDir });
}
