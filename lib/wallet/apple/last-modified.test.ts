// A pass's Last-Modified counts whole seconds: a pass served in the same second it changed must
// not later look "not modified" to a device whose copy misses a second change in that second.
import { describe, expect, it } from "vitest";
import { lastModifiedOf } from "./web-service";

describe("a pass's Last-Modified", () => {
  it("is its change's second once that second is over, one second earlier while it lasts", () => {
    const changed = new Date("2026-05-04T10:00:07.250Z");
    expect(lastModifiedOf(changed, new Date("2026-05-04T10:00:09.000Z")).toISOString()).toBe("2026-05-04T10:00:07.000Z");
    expect(lastModifiedOf(changed, new Date("2026-05-04T10:00:07.900Z")).toISOString()).toBe("2026-05-04T10:00:06.000Z");
  });
});
