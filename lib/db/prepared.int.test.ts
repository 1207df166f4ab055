// A prepared statement answers exactly what the same statement through drizzle answers, on both
// databases, the second and tenth time too (when PostgreSQL switches to its generic plan).
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { runPrepared } from "./prepared";
import { describeEachDatabase } from "./test-databases";

describeEachDatabase("prepared statements", (db) => {
  const query = (n: number, at: Date, doc: object | null) => sql`
    select ${n}::int + 1 as next, ${at}::timestamptz as at, ${doc === null ? null : JSON.stringify(doc)}::jsonb as doc,
           ${n} > 2 as big, ${"Grüße, \"Welt\""}::text as words, count(*) as rows from (values (1), (2)) as v (x)`;

  it("returns the same values and types as an ordinary query", async () => {
    const at = new Date("2026-11-25T21:30:00.123Z");
    for (const n of [1, 2, 3, 10, 11]) {
      const doc = n % 2 ? { n, list: [1, "zwei"], nested: { ok: true } } : null;
      const plain = ((await db().execute(query(n, at, doc))) as unknown as { rows: unknown[] }).rows;
      const prepared = await runPrepared(db(), "treue_test_parity", query(n, at, doc));
      expect(prepared).toEqual(plain);
      expect(prepared[0]).toMatchObject({ next: n + 1, doc, big: n > 2, words: 'Grüße, "Welt"' });
      expect(new Date(String((prepared[0] as { at: string }).at).replace(" ", "T").replace(/\+00$/, "Z"))).toEqual(at);
    }
  });

  it("reports a failing statement as an error and keeps working afterwards", async () => {
    await expect(runPrepared(db(), "treue_test_fails", sql`select 1 / ${0}::int as x`)).rejects.toThrow(/division by zero/);
    expect(await runPrepared(db(), "treue_test_fails", sql`select 1 / ${1}::int as x`)).toEqual([{ x: 1 }]);
  });
});
