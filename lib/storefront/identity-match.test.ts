import { describe, expect, it } from "vitest";
import { handoverState, isHandoverToken, newHandoverToken, handoverTokenHash } from "./handover";
import { matchStorefrontIdentity, type StorefrontCandidate } from "./identity-match";

const row = (over: Partial<StorefrontCandidate>): StorefrontCandidate => ({ id: "m1", email: "anna@example.com", shopCustomerId: null, role: "member", erased: false, ...over });

describe("who a storefront identity is", () => {
  it("is the member with the shop's customer id, even when the shop's e-mail for them changed", () => {
    expect(matchStorefrontIdentity([row({ shopCustomerId: "7", email: "old@example.com" })], "7", "new@example.com")).toEqual({ kind: "member", memberId: "m1", role: "member" });
  });
  it("is never a member by the e-mail alone (a shop account may carry an address nobody confirmed)", () => {
    expect(matchStorefrontIdentity([row({})], "7", "anna@example.com")).toEqual({ kind: "email-only" });
  });
  it("is no one Treue knows when neither matches", () => {
    expect(matchStorefrontIdentity([], "7", "anna@example.com")).toEqual({ kind: "unknown" });
  });
  it("never takes a member another shop customer holds, or an erased one", () => {
    expect(matchStorefrontIdentity([row({ shopCustomerId: "8" })], "7", "anna@example.com")).toEqual({ kind: "conflict", reason: "customer-id-taken" });
    expect(matchStorefrontIdentity([row({ shopCustomerId: "7", erased: true })], "7", "x@example.com")).toEqual({ kind: "conflict", reason: "erased" });
  });
  it("prefers the id's member over another member holding the e-mail", () => {
    const rows = [row({ id: "by-mail", shopCustomerId: null }), row({ id: "by-id", email: "other@example.com", shopCustomerId: "7" })];
    expect(matchStorefrontIdentity(rows, "7", "anna@example.com")).toMatchObject({ kind: "member", memberId: "by-id" });
  });
});

describe("hand-over tokens", () => {
  it("are 256 random URL-safe bits, kept only as their SHA-256", () => {
    const { token, tokenHash } = newHandoverToken();
    expect(isHandoverToken(token)).toBe(true);
    expect(tokenHash).toBe(handoverTokenHash(token));
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(newHandoverToken().token).not.toBe(token);
    for (const junk of ["", "short", `${token}x`, token.replace(/.$/, "/"), 42, null]) expect(isHandoverToken(junk)).toBe(false);
  });
  it("are valid until their time, then expired; used once used; unknown when not stored", () => {
    const expiresAt = new Date("2026-12-07T10:02:00Z");
    expect(handoverState({ expiresAt, usedAt: null }, new Date("2026-12-07T10:01:59Z"))).toBe("valid");
    expect(handoverState({ expiresAt, usedAt: null }, expiresAt)).toBe("expired");
    expect(handoverState({ expiresAt, usedAt: new Date("2026-12-07T10:01:00Z") }, new Date("2026-12-07T10:01:30Z"))).toBe("used");
    expect(handoverState(null, expiresAt)).toBe("unknown");
  });
});
