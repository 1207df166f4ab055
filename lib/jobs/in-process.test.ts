import { describe, expect, it } from "vitest";
import type { Database } from "../db";
import { runInProcess } from "./in-process";

describe("the embedded database's job runner", () => {
  it("runs a job once more when it is asked for while a run is going: work queued meanwhile is not left for the next tick", async () => {
    const queue: string[] = [];
    const sent: string[] = [];
    let release!: () => void;
    let runs = 0;
    const job = {
      name: "test-delivery",
      cron: "* * * * *",
      everyMs: 60_000,
      run: async () => {
        runs += 1;
        const batch = queue.splice(0);
        // The first run has claimed its (empty) batch and is still sending when new work arrives.
        if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
        sent.push(...batch);
        return {};
      },
    };
    const db = async () => ({}) as Database;
    const first = runInProcess(job, db);
    await new Promise((resolve) => setTimeout(resolve, 10));
    queue.push("push for order 1042");
    void runInProcess(job, db); // the nudge after queueing
    void runInProcess(job, db); // and another: still one more run, not two
    release();
    await first;
    await expect.poll(() => sent).toEqual(["push for order 1042"]);
    expect(runs).toBe(2);
  });
});
