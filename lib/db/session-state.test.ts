// The embedded database's worker resets PGlite's one session before another connection's turn
// only when something may have changed it, and it sees that in commands and in statements' text
// (lib/db/pglite-worker.mjs). Functions and triggers run out of sight: the app's, defined in the
// migrations, must change no session state, or a setting, lock or temporary table of one
// connection could reach another.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const migrations = path.join(import.meta.dirname, "migrations");

describe("the migrations' SQL", () => {
  it("sets no setting, takes no advisory lock and makes no temporary table (which functions would do unseen)", () => {
    const offending = readdirSync(migrations)
      .filter((name) => name.endsWith(".sql"))
      .filter((name) => /set_config|advisory|pg_temp|\btemp(?:orary)?\b|\blisten\b|\bset\s+(?:session|role|search_path)\b/i.test(readFileSync(path.join(migrations, name), "utf8")));
    expect(offending).toEqual([]);
  });
});
