// The integration tests' global set-up (vitest.config.mts): one in-memory PGlite database,
// migrated, dumped to a file. Each test database on PGlite then starts from that file
// (test-databases.ts) instead of from initdb, which takes seconds per database and, at about 60
// of them, minutes per run. The app still migrates every database it opens, so a snapshot that
// lacks a migration only makes that migration run there.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import type { TestProject } from "vitest/node";
import { migrationsFolder } from "./connect";

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "treue-pglite-snapshot-"));
  const file = path.join(dir, "migrated.tar");
  const db = await PGlite.create();
  try {
    await migrate(drizzle({ client: db }), { migrationsFolder });
    await db.exec("checkpoint"); // written out, so each start has no log to replay
    const dump = await db.dumpDataDir("none");
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await db.close();
  }
  project.provide("pgliteSnapshot", file);
  return () => rmSync(dir, { recursive: true, force: true });
}
