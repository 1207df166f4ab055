import { describe, expect, it } from "vitest";
import { canonicalEmail, checkClaim, checkQualifyingOrder, isReferralCode, monthStart, parseReferralRule, referralCodeFrom } from "./referrals";

const rule = parseReferralRule({});
const referrer = { id: "a", email: "anna.muster@gmail.com", shopCustomerId: "c1" };
const friend = { id: null, email: "ben@example.com", shopCustomerId: null, hasOrders: false, alreadyReferred: false };

describe("canonicalEmail", () => {
  it("ignores case, dots and +tags at gmail-like providers", () => {
    expect(canonicalEmail(" Anna.Muster+promo@GoogleMail.com ")).toBe("annamuster@gmail.com");
    expect(canonicalEmail("a.n.n.a.muster@gmail.com")).toBe("annamuster@gmail.com");
  });

  it("strips +tags where the provider delivers them, and keeps dots elsewhere", () => {
    expect(canonicalEmail("ben.k+shop@outlook.com")).toBe("ben.k@outlook.com");
    expect(canonicalEmail("ben.k+shop@example.de")).toBe("ben.k+shop@example.de");
  });
});

describe("checkClaim", () => {
  const claim = (overrides: Partial<Parameters<typeof checkClaim>[0]> = {}) => checkClaim({ rule, referrer, friend, claimsFromIpLast7Days: 0, ...overrides });

  it("accepts a new person", () => {
    expect(claim()).toEqual({ ok: true });
  });

  it("refuses self-referral by member, shop customer or normalised e-mail", () => {
    expect(claim({ friend: { ...friend, id: "a" } })).toEqual({ ok: false, reason: "self-referral" });
    expect(claim({ friend: { ...friend, shopCustomerId: "c1" } })).toEqual({ ok: false, reason: "self-referral" });
    expect(claim({ friend: { ...friend, email: "AnnaMuster+friend@gmail.com" } })).toEqual({ ok: false, reason: "self-referral" });
  });

  it("refuses existing customers, people already referred, a busy IP and a disabled program", () => {
    expect(claim({ friend: { ...friend, hasOrders: true } })).toEqual({ ok: false, reason: "existing-customer" });
    expect(claim({ friend: { ...friend, alreadyReferred: true } })).toEqual({ ok: false, reason: "already-referred" });
    expect(claim({ claimsFromIpLast7Days: 9 })).toEqual({ ok: true });
    expect(claim({ claimsFromIpLast7Days: 10 })).toEqual({ ok: false, reason: "ip-limit" });
    expect(claim({ rule: parseReferralRule({ enabled: false }) })).toEqual({ ok: false, reason: "disabled" });
  });
});

describe("checkQualifyingOrder", () => {
  const paidAt = new Date("2026-11-20T10:00:00Z");
  const order = (overrides: Partial<Parameters<typeof checkQualifyingOrder>[0]> = {}) =>
    checkQualifyingOrder({ rule, subtotalCents: 5_000, earlierOrders: 0, referrerQualifiedThisMonth: 0, paidAt, ...overrides });

  it("pays the referrer once the return window has passed", () => {
    expect(order()).toEqual({ ok: true, points: 500, pendingUntil: new Date("2026-12-04T10:00:00Z") });
  });

  it("needs the friend's first order, at the minimum, within the monthly limit", () => {
    expect(order({ subtotalCents: 4_999 })).toEqual({ ok: false, reason: "below-minimum" });
    expect(order({ earlierOrders: 1 })).toEqual({ ok: false, reason: "not-first-order" });
    expect(order({ referrerQualifiedThisMonth: 9 })).toMatchObject({ ok: true });
    expect(order({ referrerQualifiedThisMonth: 10 })).toEqual({ ok: false, reason: "monthly-limit" });
  });

  it("counts the month from its first instant", () => {
    expect(monthStart(new Date("2026-11-30T23:59:59Z"), "UTC").toISOString()).toBe("2026-11-01T00:00:00.000Z");
  });
});

describe("referral codes", () => {
  it("are seven readable characters", () => {
    const code = referralCodeFrom(new Uint8Array([0, 1, 2, 3, 29, 30, 255]));
    expect(code).toHaveLength(7);
    expect(isReferralCode(code)).toBe(true);
    expect(isReferralCode("ABCDEFL")).toBe(false); // L is not in the alphabet
    expect(isReferralCode("abc")).toBe(false);
  });
});
