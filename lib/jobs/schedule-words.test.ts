import { describe, expect, it } from "vitest";
import { JOB_SCHEDULE_LIST } from "./job-names";
import { cronWords, intervalWords } from "./schedule-words";
import de from "../i18n/messages/de.json";
import en from "../i18n/messages/en.json";

describe("a job's schedule in words", () => {
  it("reads the cron forms the jobs use", () => {
    expect(cronWords("7 * * * *")).toEqual({ key: "hourlyAt", values: { minute: "07" } });
    expect(cronWords("17 * * * *")).toEqual({ key: "hourlyAt", values: { minute: "17" } });
    expect(cronWords("* * * * *")).toEqual({ key: "minute", values: {} });
    expect(cronWords("*/10 * * * *")).toEqual({ key: "minutes", values: { n: 10 } });
    expect(cronWords("0 3 * * *")).toEqual({ key: "dailyAt", values: { time: "03:00" } });
  });

  it("shows any other form as written rather than describing it wrongly", () => {
    for (const cron of ["0 0 1 1 *", "0 9 * * 1", "61 * * * *", "7 25 * * *", "*/0 * * * *", "@hourly"]) expect(cronWords(cron)).toEqual({ key: "cron", values: { cron } });
  });

  it("describes the embedded runner's intervals", () => {
    expect(intervalWords(15_000)).toEqual({ key: "seconds", values: { n: 15 } });
    expect(intervalWords(60_000)).toEqual({ key: "minute", values: {} });
    expect(intervalWords(600_000)).toEqual({ key: "minutes", values: { n: 10 } });
    expect(intervalWords(3_600_000)).toEqual({ key: "hour", values: {} });
  });

  it("has words in both languages for every job's schedule, and none falls back to cron", () => {
    for (const job of JOB_SCHEDULE_LIST) {
      for (const words of [cronWords(job.cron), intervalWords(job.everyMs)]) {
        expect(words.key, job.name).not.toBe("cron");
        expect(de.console.jobs.every[words.key], job.name).toBeTruthy();
        expect(en.console.jobs.every[words.key], job.name).toBeTruthy();
      }
    }
    expect(de.console.jobs.every.hourlyAt).toBe("stündlich um :{minute}");
    expect(en.console.jobs.every.hourlyAt).toBe("every hour at :{minute}");
  });
});
