import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { JOB_NAMES } from "./job-names";

// The console's jobs page names every job in the staff member's language (it showed a raw key for one).
describe("job names", () => {
  it("has words for every job in German and English", () => {
    for (const lang of ["de", "en"]) {
      const messages = JSON.parse(readFileSync(path.join(import.meta.dirname, `../i18n/messages/${lang}.json`), "utf8")) as { console: { jobs: { names: Record<string, string> } } };
      for (const name of JOB_NAMES) expect(messages.console.jobs.names[name], `${lang}: ${name}`).toBeTruthy();
    }
  });
});
