// Opens the database the configuration asks for and brings its schema up to date.
// PGlite (embedded, in a worker thread of this process) without DATABASE_URL; a pooled
// PostgreSQL server with it. Both are spoken to with node-postgres, so the app has one driver.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { Pool, type PoolClient } from "pg";
import { startPgliteWorker } from "./pglite-bridge";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle: everything a Database can do, inside one transaction. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DatabaseKind = "pglite" | "postgres";

export type Connection = {
  db: Database;
  kind: DatabaseKind;
  close: () => Promise<void>;
};

export type ConnectOptions =
  // No dataDir: in memory (tests), from a snapshot of a migrated database if given (test-databases.ts).
  | { kind: "pglite"; dataDir?: string; snapshot?: string }
  | { kind: "postgres"; url: string; poolSize?: number };

export const migrationsFolder = path.join(process.cwd(), "lib/db/migrations");

// Arbitrary constant shared by every instance, so only one of them migrates at a time.
const MIGRATION_LOCK = 727_001;

export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
}

export async function connect(options: ConnectOptions): Promise<Connection> {
  return options.kind === "pglite" ? connectPglite(options.dataDir, options.snapshot) : connectPostgres(options.url, options.poolSize);
}

async function connectPglite(dataDir: string | undefined, snapshot: string | undefined): Promise<Connection> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  let bridge;
  try {
    bridge = await startPgliteWorker(dataDir ? path.join(dataDir, "pglite") : undefined, snapshot);
  } catch (error) {
    throw new DatabaseUnavailableError(`cannot open the embedded database in ${dataDir ?? "memory"}: ${describe(error)}`);
  }
  try {
    await migrate(await bridge.pool.connect());
  } catch (error) {
    await bridge.close().catch(() => {});
    throw error;
  }
  return { db: drizzlePg({ client: bridge.pool, schema }) as unknown as Database, kind: "pglite", close: bridge.close };
}

async function connectPostgres(url: string, poolSize = 10): Promise<Connection> {
  const pool = new Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
  // An idle client's network error must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  let client;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(`cannot connect to DATABASE_URL (${redact(url)}): ${describe(error)}`);
  }
  await migrate(client);
  const db = drizzlePg({ client: pool, schema }) as unknown as Database;
  return { db, kind: "postgres", close: () => pool.end() };
}

/** Brings the schema up to date over `client` (then released), one instance at a time. */
async function migrate(client: PoolClient): Promise<void> {
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migratePg(drizzlePg({ client }), { migrationsFolder });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return String(error);
}

/** The URL without its password, for error messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "unparseable URL";
  }
}
