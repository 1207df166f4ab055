import { describe, expect, it } from "vitest";
import { beat, staleLoops } from "./heartbeat";

describe("background loop heartbeats", () => {
  const started = 1_000_000;
  it("gives a new process time to start its loops", () => {
    expect(staleLoops(["never-beat"], 60_000, started, started + 30_000)).toEqual([]);
  });

  it("names the loops that stopped completing rounds", () => {
    beat("fresh", started + 170_000);
    beat("stuck", started + 10_000);
    expect(staleLoops(["fresh", "stuck", "never-beat-either"], 60_000, started, started + 180_000)).toEqual(["stuck", "never-beat-either"]);
  });
});
