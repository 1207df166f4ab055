import { describe, expect, it } from "vitest";
import { expiresAt, expiryCutoff, expiryIsNear } from "./expiry";

const d = (iso: string) => new Date(iso);

describe("expiry", () => {
  it("expires twelve calendar months after the last activity by default", () => {
    expect(expiresAt(d("2026-11-17T09:30:00Z"), 12, "UTC")).toEqual(d("2027-11-17T09:30:00Z"));
    expect(expiresAt(d("2026-11-17T09:30:00Z"), 6, "UTC")).toEqual(d("2027-05-17T09:30:00Z"));
  });

  it("clamps to the end of a shorter month", () => {
    expect(expiresAt(d("2027-03-31T12:00:00Z"), 11, "UTC")).toEqual(d("2028-02-29T12:00:00Z"));
    expect(expiresAt(d("2026-08-31T12:00:00Z"), 1, "UTC")).toEqual(d("2026-09-30T12:00:00Z"));
  });

  it("gives the cutoff: activity before it has expired", () => {
    const now = d("2027-11-17T09:30:00Z");
    expect(expiryCutoff(now, 12, "UTC")).toEqual(d("2026-11-17T09:30:00Z"));
    expect(expiresAt(expiryCutoff(now, 12, "UTC"), 12, "UTC").getTime()).toBe(now.getTime());
  });

  it("warns in the last 30 days", () => {
    const now = d("2027-10-20T00:00:00Z");
    expect(expiryIsNear(d("2027-11-19T00:00:00Z"), now)).toBe(true);
    expect(expiryIsNear(d("2027-11-20T00:00:01Z"), now)).toBe(false);
  });
});
