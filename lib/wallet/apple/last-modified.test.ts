// A pass's Last-Modified counts whole seconds. A change is stamped when its transaction writes and
// becomes visible when it commits: until the database's clock is a safety margin past a change,
// the pass says the second before it, so a device's copy never looks current ("304") while a
// change stamped in that same second may still be on its way.
import { describe, expect, it } from "vitest";
import { LAST_MODIFIED_MARGIN_MS, lastModifiedOf } from "./web-service";

describe("a pass's Last-Modified", () => {
  const changed = new Date("2026-05-04T10:00:07.250Z");
  const after = (ms: number) => new Date(changed.getTime() + ms);

  it("is the second before the change while the margin lasts, also seconds after the change's own second", () => {
    expect(LAST_MODIFIED_MARGIN_MS).toBe(60_000);
    for (const ms of [0, 500, 2_000, 30_000, 60_000]) expect(lastModifiedOf(changed, after(ms)).toISOString(), `${ms} ms after`).toBe("2026-05-04T10:00:06.000Z");
  });

  it("is the change's second once the database's clock is more than the margin past it", () => {
    expect(lastModifiedOf(changed, after(60_001)).toISOString()).toBe("2026-05-04T10:00:07.000Z");
    expect(lastModifiedOf(changed, after(3_600_000)).toISOString()).toBe("2026-05-04T10:00:07.000Z");
  });
});
