// The embedded database's one session, taken in turns by the pool's connections: what one
// connection sets stays its own and is gone when another has its turn, a failure is answered and forgotten, and
// node-postgres's Flush-paged reads complete. Through node-postgres, as the app uses it.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { QueryConfig } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPgliteWorker, type PgliteBridge } from "./pglite-bridge";
import { PortStream } from "./pglite-port";

const ADVISORY_LOCKS = "select count(*)::int as n from pg_locks where locktype = 'advisory'";

/** A query node-postgres reads `rows` at a time: Execute with a row limit, then Flush, until done. */
const pages = (text: string, values: unknown[], rows: number) => ({ text, values, rows }) as QueryConfig;

describe("PGlite's session, shared by the pool", () => {
  let bridge: PgliteBridge;
  beforeAll(async () => {
    bridge = await startPgliteWorker(undefined);
  });
  afterAll(() => bridge.close());

  it("keeps a SET to its connection: it lasts there, and another connection finds the default", async () => {
    const a = await bridge.pool.connect();
    const b = await bridge.pool.connect();
    await a.query("set statement_timeout = '7s'");
    await a.query("select set_config('treue.probe', 'a', false)");
    expect((await a.query("show statement_timeout")).rows[0].statement_timeout).toBe("7s");
    // b waits for a's turn to end, then sees none of it.
    const seen = b.query("select current_setting('statement_timeout') as timeout, current_setting('treue.probe', true) as probe");
    a.release();
    expect((await seen).rows[0]).toEqual({ timeout: "0", probe: "" });
    b.release();
  });

  it("resets a setting made by a prepared statement run again without its text", async () => {
    const touching = (value: string) => ({ name: "treue_touch", text: "select set_config('treue.probe', $1, false)", values: [value] });
    const probe = "select current_setting('treue.probe', true) as probe";
    const [a, b, c] = [await bridge.pool.connect(), await bridge.pool.connect(), await bridge.pool.connect()];
    await a.query(touching("first")); // parsed here, with its text
    a.release();
    expect((await c.query(probe)).rows[0].probe).toBe(""); // reset for c
    c.release(true); // gone, so the pool's one idle client is a
    const again = await bridge.pool.connect();
    expect(again).toBe(a);
    await again.query(touching("again")); // Bind and Execute only: no text
    again.release();
    expect((await b.query(probe)).rows[0].probe).toBe("");
    b.release();
  });

  it("lets no advisory lock or temporary table reach another connection, nor outlive its own", async () => {
    const a = await bridge.pool.connect();
    const b = await bridge.pool.connect();
    await a.query("select pg_advisory_lock(4711)");
    await a.query("create temporary table scratch (v int)");
    await a.query("select 1 as v into temp other_scratch");
    expect((await a.query(ADVISORY_LOCKS)).rows[0].n).toBe(1);
    a.release();
    expect((await b.query(ADVISORY_LOCKS)).rows[0].n).toBe(0);
    await expect(b.query("select * from scratch")).rejects.toThrow('relation "scratch" does not exist');
    await expect(b.query("select * from other_scratch")).rejects.toThrow('relation "other_scratch" does not exist');
    b.release();

    const dropped = await bridge.pool.connect();
    await dropped.query("select pg_advisory_lock(4712)");
    dropped.release(true); // destroyed, as when its request was aborted
    expect((await bridge.pool.query(ADVISORY_LOCKS)).rows[0].n).toBe(0);
  });

  it("answers a failed statement and goes on: in a transaction, after it, and on other connections", async () => {
    const client = await bridge.pool.connect();
    await client.query("begin");
    await expect(client.query("select 1/0")).rejects.toThrow("division by zero");
    await expect(client.query("select 1")).rejects.toThrow("current transaction is aborted");
    await client.query("rollback");
    expect((await client.query("select 2 as v")).rows[0].v).toBe(2);
    client.release();
    await expect(bridge.pool.query({ name: "treue_fails", text: "select $1::int as v", values: ["x"] })).rejects.toThrow("invalid input syntax");
    expect((await bridge.pool.query("select 3 as v")).rows[0].v).toBe(3);
  });

  it("refuses a message PostgreSQL would refuse, closing that connection only", async () => {
    const stream = new PortStream((port) => bridge.thread.connect(port));
    const received: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => received.push(chunk));
    const closed = new Promise((resolve) => stream.on("close", resolve));
    const startup = Buffer.concat([Buffer.from([0, 0, 0, 0, 0, 3, 0, 0]), Buffer.from("user\0postgres\0database\0template1\0\0")]);
    startup.writeInt32BE(startup.length, 0);
    stream.write(startup);
    stream.write(Buffer.from([0x7a, 0, 0, 0, 4])); // no such message type: PGlite would wait forever
    await closed;
    const answer = Buffer.concat(received).toString("latin1");
    expect(answer).toContain("08P01");
    expect(answer).toContain("not supported by the embedded database");
    expect((await bridge.pool.query("select 4 as v")).rows[0].v).toBe(4);
  });

  it("completes a read paged with Flush (node-postgres's rows option, as cursors read)", async () => {
    const client = await bridge.pool.connect();
    const paged = await client.query<{ g: number }>(pages("select g from generate_series(1, 5) g where g > $1", [0], 2));
    expect(paged.rows.map((row) => row.g)).toEqual([1, 2, 3, 4, 5]);
    client.release();
    // Another connection's query waits for the paged read's Sync, then runs.
    const [inTurn] = await Promise.all([
      bridge.pool.connect().then(async (c) => {
        const rows = await c.query(pages("select g from generate_series(1, 3) g where g > $1", [1], 1));
        c.release();
        return rows.rows.length;
      }),
      bridge.pool.query("select 5 as v"),
    ]);
    expect(inTurn).toBe(2);
  });

  it("closes a paged read whose connection goes half-way, and the others go on", async () => {
    const client = await bridge.pool.connect();
    client.on("error", () => {});
    const endless = client.query(pages("select generate_series(1, $1::int) as g", [10_000_000], 1)).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    client.release(true);
    expect(await endless).toBeInstanceOf(Error);
    expect((await bridge.pool.query("select 6 as v")).rows[0].v).toBe(6);
  });
});

describe("PGlite's worker, after a failure", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "treue-pglite-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is started again from the data directory, with what was committed", { timeout: 90_000 }, async () => {
    const bridge = await startPgliteWorker(dir);
    try {
      await bridge.pool.query("create table kept (v text); insert into kept values ('committed')");
      await (await bridge.thread.running()).terminate(); // as a crash of PGlite would end it
      await new Promise((resolve) => setTimeout(resolve, 50)); // the pool hears its connections closed
      expect((await bridge.pool.query("select v from kept")).rows).toEqual([{ v: "committed" }]);
      expect(bridge.thread.restarts).toBe(1);
    } finally {
      await bridge.close();
    }
  });
});
