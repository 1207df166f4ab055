import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../test-databases";
import { databaseAnswers, migrationState } from "./readiness";

describeEachDatabase("readiness", (db) => {
  it("knows the database has every migration this build ships, and notices one missing", async () => {
    expect(await databaseAnswers(db())).toBe(true);
    const state = await migrationState(db());
    expect(state).toMatchObject({ current: true });
    expect(state.applied).toBe(state.shipped);
    // An older instance migrated this database: the newest migration is not there yet.
    await db().transaction(async (tx) => {
      await tx.execute(sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
      expect(await migrationState(tx)).toMatchObject({ current: false, applied: state.shipped - 1 });
      tx.rollback();
    }).catch((error: unknown) => {
      if (!(error instanceof Error && /rollback/i.test(error.message))) throw error;
    });
    expect(await migrationState(db())).toMatchObject({ current: true });
  });
});
