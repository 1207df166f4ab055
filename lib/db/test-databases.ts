// Test support: the same integration tests run on embedded PGlite and on a real PostgreSQL
// server. Each suite gets its own fresh database, so runs never see each other's rows.
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { connect, type Connection, type Database, type DatabaseKind } from "./connect";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated PGlite database as a file (its dumpDataDir): test-database-snapshot.ts, the integration tests' global set-up. */
    pgliteSnapshot: string;
  }
}

export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** `url`: where a PostgreSQL test database is, for clients of its own (the job queue). */
export type TestDatabase = Connection & { dispose: () => Promise<void>; url?: string };

export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    // From the migrated database the integration tests' global set-up dumped (test-database-snapshot.ts).
    const connection = await connect({ kind: "pglite", snapshot: inject("pgliteSnapshot") });
    return { ...connection, dispose: connection.close };
  }
  const name = `treue_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const connection = await connect({ kind: "postgres", url: url.toString(), poolSize: 60 });
  return {
    ...connection,
    url: url.toString(),
    dispose: async () => {
      await connection.close();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `no PostgreSQL answers at TEST_DATABASE_URL (${testDatabaseUrl}): ${(error as Error).message}. ` +
        "Start one (see README) or point TEST_DATABASE_URL at one.",
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Declares the suite once per database kind; `db()` is that suite's fresh database. */
export function describeEachDatabase(title: string, body: (db: () => Database, kind: DatabaseKind) => void) {
  describe.each(["pglite", "postgres"] as const)(`${title} [%s]`, (kind) => {
    let database: TestDatabase | undefined;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
    });
    afterAll(async () => {
      await database?.dispose();
    });
    body(() => {
      if (!database) throw new Error("test database not open");
      return database.db;
    }, kind);
  });
}

/** Makes the app's one connection (lib/db/index.ts) this test database, so route handlers can be called directly. */
export function routesUse(db: Database): void {
  (globalThis as { treueDb?: Promise<Pick<Connection, "db">> }).treueDb = Promise.resolve({ db });
}
