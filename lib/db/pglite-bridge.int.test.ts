// The embedded database's worker is shared by several client connections over one PGlite
// session. These are the ways that sharing could show, each checked through node-postgres as
// the app uses it.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPgliteWorker, type PgliteBridge } from "./pglite-bridge";

describe("PGlite in its worker", () => {
  let bridge: PgliteBridge;
  beforeAll(async () => {
    bridge = await startPgliteWorker(undefined);
    await bridge.pool.query("create table counter (n int not null); insert into counter values (0)");
  });
  afterAll(() => bridge.close());

  it("runs transactions of several connections one after another, so none loses another's update", async () => {
    await Promise.all(
      Array.from({ length: 30 }, async () => {
        const client = await bridge.pool.connect();
        try {
          await client.query("begin");
          const [row] = (await client.query<{ n: number }>("select n from counter")).rows;
          await new Promise((resolve) => setTimeout(resolve, 1));
          await client.query("update counter set n = $1", [row!.n + 1]);
          await client.query("commit");
        } finally {
          client.release();
        }
      }),
    );
    expect((await bridge.pool.query("select n from counter")).rows[0].n).toBe(30);
  });

  it("keeps another connection's statements out of an open transaction", async () => {
    const client = await bridge.pool.connect();
    await client.query("begin");
    await client.query("update counter set n = -1");
    const outside = bridge.pool.query<{ n: number }>("select n from counter");
    await new Promise((resolve) => setTimeout(resolve, 30));
    await client.query("rollback");
    client.release();
    expect((await outside).rows[0]!.n).toBe(30);
  });

  it("lets every connection prepare the same statement name (as every client does)", async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => bridge.pool.query({ name: "treue_same_name", text: "select $1::int * 10 as v", values: [i] })));
    expect(answers.map((a) => a.rows[0].v)).toEqual(Array.from({ length: 12 }, (_, i) => i * 10));
  });

  it("answers an SQL error in the protocol and goes on", async () => {
    await expect(bridge.pool.query("select * from no_such_table")).rejects.toThrow('relation "no_such_table" does not exist');
    await expect(bridge.pool.query({ name: "treue_bad", text: "select $1::int as v", values: ["x"] })).rejects.toThrow("invalid input syntax for type integer");
    expect((await bridge.pool.query("select 1 as one")).rows[0].one).toBe(1);
  });

  it("rolls back the transaction of a connection that goes away, and lets the others go on", async () => {
    const client = await bridge.pool.connect();
    await client.query("begin");
    await client.query("update counter set n = 999");
    client.release(true); // destroyed, as when its request was aborted
    expect((await bridge.pool.query("select n from counter")).rows[0].n).toBe(30);
  });
});

describe("PGlite in its worker, on disk", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "treue-pglite-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps what was committed when closed and opened again", async () => {
    const first = await startPgliteWorker(dir);
    await first.pool.query("create table kept (v text); insert into kept values ('still here')");
    await first.close();
    const second = await startPgliteWorker(dir);
    try {
      expect((await second.pool.query("select v from kept")).rows).toEqual([{ v: "still here" }]);
    } finally {
      await second.close();
    }
  });
});
