import "server-only";
// The hot path's statements as named prepared statements: parsed once per connection and, after
// a few runs, planned once (a generic plan) instead of at every shop event. Measured on this
// path: half of PostgreSQL's CPU per event was planning. PGlite is reached through the same
// client (lib/db/pglite-bridge.ts), so it keeps them in its one session alike.
import { Column, entityKind, is, Name, Param, Placeholder, SQL, StringChunk, Table } from "drizzle-orm";
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
  const { text, values } = statementOf(internals.dialect, name, query);
  return (await client.query({ name, text, values, types: pgTypes })).rows as T[];
}

/**
 * The statement's text and values. Drizzle writes the text anew at every run (a tenth of a
 * millisecond for the order statements, on the hot path of every shop); a named statement's text
 * is fixed, so it is kept from its first run, and later runs only collect the values, in the order
 * drizzle numbers them. Whatever that walk does not know (or a count that differs) is built by drizzle.
 */
export function statementOf(dialect: PgDialect, name: string, query: SQL): { text: string; values: unknown[] } {
  const kept = statementTexts.get(name);
  if (kept) {
    const values: unknown[] = [];
    if (collectValues(query.queryChunks, values) && values.length === kept.count) {
      if (CHECK_AGAINST_DRIZZLE) checkAgainstDrizzle(dialect, name, query, { text: kept.text, values });
      return { text: kept.text, values };
    }
  }
  const { sql: text, params } = dialect.sqlToQuery(query);
  statementTexts.set(name, { text, count: params.length });
  return { text, values: params };
}

const statementTexts = new Map<string, { text: string; count: number }>();

/**
 * Outside production every later run is also built by drizzle and compared, so the whole test
 * suite checks the walk on every named statement, and a caller whose text varies fails loudly
 * (node-postgres refuses a known name with another text; a kept text would hide that).
 */
const CHECK_AGAINST_DRIZZLE = process.env.NODE_ENV !== "production";

function checkAgainstDrizzle(dialect: PgDialect, name: string, query: SQL, statement: { text: string; values: unknown[] }) {
  const built = dialect.sqlToQuery(query);
  if (built.sql !== statement.text) throw new Error(`prepared statement ${name} changed its text between runs: a named statement's text must be fixed`);
  const same = (a: unknown, b: unknown) => Object.is(a, b) || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime());
  if (built.params.length !== statement.values.length || built.params.some((value, i) => !same(value, statement.values[i]))) {
    throw new Error(`prepared statement ${name}: the values collected differ from drizzle's`);
  }
}

/** The values of `chunks` as drizzle's query builder numbers them ($1, $2, …); false for anything but plain SQL and values. */
function collectValues(chunks: readonly unknown[], into: unknown[]): boolean {
  for (const chunk of chunks) {
    if (chunk === undefined || is(chunk, StringChunk) || is(chunk, Name) || is(chunk, Column) || is(chunk, Table)) continue;
    if (Array.isArray(chunk)) {
      if (!collectValues(chunk, into)) return false;
    } else if (is(chunk, SQL)) {
      if ((chunk as unknown as { shouldInlineParams: boolean }).shouldInlineParams || !collectValues(chunk.queryChunks, into)) return false;
    } else if (is(chunk, Param)) {
      if (is(chunk.value, Placeholder)) return false;
      const value: unknown = chunk.value === null ? null : chunk.encoder.mapToDriverValue(chunk.value);
      if (is(value, SQL)) return false;
      into.push(value);
    } else if (typeof chunk === "function" || (typeof chunk === "object" && chunk !== null && typeof chunk.constructor === "function" && entityKind in chunk.constructor)) {
      return false;
    } else {
      into.push(chunk);
    }
  }
  return true;
}
