// The job queue on a real PostgreSQL server, worked by two app instances at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasJobQueue, listJobOverview, listJobRuns } from "../db/queries/jobs";
import { openTestDatabase, type TestDatabase } from "../db/test-databases";
import type { JobDefinition } from "./definitions";
import { startJobQueue } from "./queue";
import type { JobQueue } from "./runner";

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("job queue (PostgreSQL)", () => {
  let database: TestDatabase;
  const queues: JobQueue[] = [];
  beforeAll(async () => {
    database = await openTestDatabase("postgres");
  });
  afterAll(async () => {
    for (const queue of queues) await queue.stop();
    await database?.dispose();
  });

  it("runs each job once though two instances work the queue, retries a failed run, and keeps every run for the console", async () => {
    const runs: string[] = [];
    let failuresLeft = 1;
    const never = "0 0 1 1 *"; // the tests send the jobs themselves
    const jobs: JobDefinition[] = [
      { name: "count", cron: never, everyMs: 0, run: async () => (runs.push("count"), { counted: 1 }) },
      {
        name: "flaky",
        cron: never,
        everyMs: 0,
        run: async () => {
          if (failuresLeft-- > 0) throw new Error("push service unreachable");
          runs.push("flaky");
          return {};
        },
      },
    ];
    const options = { timeZone: "Europe/Berlin", jobs, pollingIntervalSeconds: 0.5, retryDelaySeconds: 1, db: async () => database.db };
    queues.push(await startJobQueue(database.url!, options), await startJobQueue(database.url!, options));
    expect(await hasJobQueue(database.db)).toBe(true);

    const counted = () => runs.filter((r) => r === "count").length;
    for (let i = 0; i < 5; i++) {
      expect(await queues[i % 2]!.boss.send("count", { i })).not.toBeNull();
      await until(() => counted() === i + 1);
    }
    await queues[1]!.boss.send("flaky", {});
    await until(() => runs.includes("flaky"));
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // a second run would show by now
    expect(runs.filter((r) => r === "count")).toHaveLength(5);
    expect(runs.filter((r) => r === "flaky")).toHaveLength(1);

    await until(async () => (await listJobRuns(database.db, ["flaky"])).some((r) => r.state === "completed"));
    const [flaky] = await listJobRuns(database.db, ["flaky"]);
    expect(flaky).toMatchObject({ name: "flaky", state: "completed", attempts: 2 });
    const countRuns = await listJobRuns(database.db, ["count"]);
    expect(countRuns.filter((r) => r.state === "completed")).toHaveLength(5);
    expect(countRuns[0]!.output).toEqual({ counted: 1 });
    // The console's page: one entry per job, its newest runs folded under it, its last success kept.
    const [count, flakyJob] = await listJobOverview(database.db, ["count", "flaky"], { perJob: 3 });
    expect(count!.recent).toHaveLength(3);
    expect(count!.lastSuccess).toMatchObject({ name: "count", state: "completed" });
    expect(count!.lastFailure).toBeNull();
    expect(flakyJob!.recent.map((r) => r.state)).toEqual(["completed"]);
  });

  it("keeps a run that failed for good with its error, and runs it again when staff retry it", async () => {
    let attempts = 0;
    const job: JobDefinition = {
      name: "fragile",
      cron: "0 0 1 1 *",
      everyMs: 0,
      run: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error("mail server said 451");
        return { sent: 3 };
      },
    };
    const queue = await startJobQueue(database.url!, { timeZone: "Europe/Berlin", jobs: [job], pollingIntervalSeconds: 0.5, retryLimit: 0, db: async () => database.db });
    queues.push(queue);
    const id = (await queue.boss.send("fragile", {}))!;
    await until(async () => (await listJobRuns(database.db, ["fragile"], { id }))[0]?.state === "failed");
    const [failed] = await listJobRuns(database.db, ["fragile"], { id });
    expect(failed!.output).toMatchObject({ message: "mail server said 451" });
    const [overview] = await listJobOverview(database.db, ["fragile"]);
    expect(overview!.lastFailure).toMatchObject({ id, state: "failed", output: { message: "mail server said 451" } });
    expect(overview!.lastSuccess).toBeNull();
    await queue.boss.retry("fragile", id);
    await until(async () => (await listJobRuns(database.db, ["fragile"], { id }))[0]?.state === "completed");
    expect(attempts).toBe(2);
  });
});
