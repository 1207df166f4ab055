import "server-only";
// The hot path's statements as named prepared statements: parsed once per connection and, after
// a few runs, planned once (a generic plan) instead of at every shop event. Measured on this
// path: half of PostgreSQL's CPU per event was planning. On PGlite the statement is prepared in
// its one session through the wire protocol (its query() parses and plans every call anew).
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import type { PgDialect } from "drizzle-orm/pg-core";
import { Client, Pool, types } from "pg";
import { serialize } from "pg-protocol";
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
  // A database's pool or PGlite, or the connection a transaction holds.
  const client = internals.$client ?? internals.session?.client;
  if (client instanceof Pool || client instanceof Client) {
    const { sql: text, params } = internals.dialect.sqlToQuery(query);
    return (await client.query({ name, text, values: params, types: pgTypes })).rows as T[];
  }
  if (client instanceof PGlite) {
    const { sql: text, params } = internals.dialect.sqlToQuery(query);
    return (await onPglite(client, name, text, params)) as T[];
  }
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

type Statement = { paramTypes: number[]; fields: { name: string; dataTypeID: number }[] };
const statements = new WeakMap<PGlite, Map<string, Statement>>();

type Message = { name: string; dataTypeIDs?: number[]; fields?: unknown[] };

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

async function onPglite(pglite: PGlite, name: string, text: string, values: unknown[]): Promise<Record<string, unknown>[]> {
  // The same exclusion as PGlite's own query(): never inside another caller's open transaction.
  return pglite._runExclusiveTransaction(() =>
    pglite.runExclusive(async () => {
      const known = statements.get(pglite) ?? new Map<string, Statement>();
      statements.set(pglite, known);
      let statement = known.get(name);
      if (!statement) {
        const { messages } = await pglite.execProtocol(concat(serialize.parse({ name, text, types: [] }), serialize.describe({ type: "S", name }), serialize.sync()));
        const found = messages as unknown as Message[];
        statement = {
          paramTypes: found.find((m) => m.name === "parameterDescription")?.dataTypeIDs ?? [],
          fields: (found.find((m) => m.name === "rowDescription")?.fields ?? []) as Statement["fields"],
        };
        known.set(name, statement);
      }
      const { paramTypes, fields } = statement;
      const serialized = values.map((value, i) => (value === null || value === undefined ? null : (pglite.serializers[paramTypes[i]!]?.(value) ?? String(value))));
      const { messages } = await pglite.execProtocol(concat(serialize.bind({ statement: name, values: serialized }), serialize.execute({}), serialize.sync()));
      return (messages as unknown as Message[])
        .filter((m) => m.name === "dataRow")
        .map((row) => Object.fromEntries(fields.map((field, i) => [field.name, parseField((row.fields as (string | null)[])[i] ?? null, field.dataTypeID, pglite)])));
    }),
  );
}

function parseField(text: string | null, typeId: number, pglite: PGlite): unknown {
  if (text === null || RAW_TYPES.has(typeId)) return text;
  const parse = pglite.parsers[typeId];
  return parse ? parse(text, typeId) : text;
}
