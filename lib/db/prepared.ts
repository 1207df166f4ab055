import "server-only";
// The hot path's statements as named prepared statements: parsed once per connection and, after
// a few runs, planned once (a generic plan) instead of at every shop event. Measured on this
// path: half of PostgreSQL's CPU per event was planning. PGlite is reached through the same
// client (lib/db/pglite-bridge.ts), so it keeps them in its one session alike.
import type { SQL } from "drizzle-orm";
import type { PgDialect } from "drizzle-orm/pg-core";
import { types, type Pool, type PoolClient } from "pg";
import type { Database, Tx } from "./connect";

/**
 * Dates, times, intervals and numeric arrays stay text, as drizzle's own queries return them
 * (its column mappers parse them), so a prepared statement answers like db.execute would.
 */
const RAW_TYPES = new Set([1082, 1114, 1184, 1186, 1231, 1115, 1185, 1187, 1182]);
const pgTypes = { getTypeParser: (typeId: number, format?: "text" | "binary") => (RAW_TYPES.has(typeId) ? (value: string) => value : types.getTypeParser(typeId, format)) };

type Internals = { $client?: unknown; session?: { client?: unknown }; dialect: PgDialect };

/** Runs `query` under `name`, on the database or in a transaction; its text must not vary between calls. */
export async function runPrepared<T>(db: Database | Tx, name: string, query: SQL): Promise<T[]> {
  const internals = db as unknown as Internals;
  // A database's pool, or the connection a transaction holds (both databases use node-postgres).
  const client = (internals.$client ?? internals.session?.client) as Pool | PoolClient;
  const { sql: text, params } = internals.dialect.sqlToQuery(query);
  return (await client.query({ name, text, values: params, types: pgTypes })).rows as T[];
}
