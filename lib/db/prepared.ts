import "server-only";
// The hot path's statements as named prepared statements on PostgreSQL: parsed once per
// connection and, after a few runs, planned once (a generic plan) instead of at every shop
// event (measured: half of PostgreSQL's CPU per event). PGlite runs inside this process and
// gains nothing: there they go through drizzle as usual.
import type { SQL } from "drizzle-orm";
import type { PgDialect } from "drizzle-orm/pg-core";
import { Client, Pool } from "pg";
import type { Database, Tx } from "./connect";

type Internals = { $client?: unknown; session?: { client?: unknown }; dialect: PgDialect };

/** Runs `query` under `name`, on the database or in a transaction; its text must not vary between calls. */
export async function runPrepared<T>(db: Database | Tx, name: string, query: SQL): Promise<T[]> {
  const internals = db as unknown as Internals;
  // A database's pool, or the connection a transaction holds.
  const client = internals.$client ?? internals.session?.client;
  if (client instanceof Pool || client instanceof Client) {
    const { sql: text, params } = internals.dialect.sqlToQuery(query);
    return (await client.query({ name, text, values: params })).rows as T[];
  }
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}
