import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { bodyHash } from "../../shop-api/canonical-json";
import { shopEventSchema, type ShopEvent } from "../../validations/shop-events";
import { findLedgerMismatches } from "../ledger-audit";
import { PROGRAM_ID } from "../program-id";
import { coupons, members, programs, referrals } from "../schema";
import { describeEachDatabase } from "../test-databases";
import { forgetProgramConfig } from "./program";
import { ensureReferralCode, getReferralStats } from "./referrals";
import { claimReferral, completeReferralSignUp, settleDueReferrals } from "../../server/referrals";
import { applyShopEvent } from "../../server/orders/apply-shop-event";

const DAY = 86_400_000;

describeEachDatabase("referrals", (db) => {
  const now = new Date("2026-11-22T10:00:00Z");
  let n = 0;
  const apply = (event: ShopEvent) => applyShopEvent(db(), event, bodyHash(event), now);
  const paid = (email: string, cents: number, order = `ref-order-${++n}`) =>
    apply(
      shopEventSchema.parse({
        id: `evt-${order}`,
        type: "order.paid",
        occurred_at: now.toISOString(),
        data: { order_id: order, customer: { id: `cust-${email}`, email }, currency: "EUR", subtotal_cents: cents, items: [] },
      }),
    );
  async function referrer(email: string) {
    const [m] = await db().insert(members).values({ email, name: "Anna Muster" }).returning({ id: members.id });
    return { id: m!.id, code: await ensureReferralCode(db(), m!.id) };
  }
  async function friendJoins(code: string, email: string, ip = `ip-${email}`) {
    const claim = await claimReferral(db(), { code, email, ipHash: ip, now });
    const [m] = await db().insert(members).values({ email }).onConflictDoNothing().returning({ id: members.id });
    const id = m?.id ?? (await db().select({ id: members.id }).from(members).where(eq(members.email, email)))[0]!.id;
    return { claim, id, joined: await completeReferralSignUp(db(), id, email, now) };
  }
  const balanceOf = async (id: string) => (await db().select({ b: members.pointsBalance }).from(members).where(eq(members.id, id)))[0]!.b;

  it("gives a member one stable, readable code", async () => {
    // A program with the default referral rule (the demo's differs).
    await db().insert(programs).values({ id: PROGRAM_ID, name: "Testshop" });
    forgetProgramConfig(db());
    const a = await referrer("stable@example.com");
    expect(a.code).toMatch(/^[2-9A-Z]{7}$/);
    expect(await ensureReferralCode(db(), a.id)).toBe(a.code);
  });

  it("welcomes the friend with a coupon, holds the referrer's points through the return window, then pays once", async () => {
    const a = await referrer("anna.muster@gmail.com");
    const friend = await friendJoins(a.code, "ben@example.com");
    expect(friend).toMatchObject({ claim: { status: "claimed" }, joined: true });
    const [welcome] = await db().select().from(coupons).where(eq(coupons.memberId, friend.id));
    expect(welcome).toMatchObject({ pointsCost: 0, terms: { kind: "amount_off", valueCents: 1_000, minOrderCents: 5_000 } });

    await paid("ben@example.com", 6_000);
    expect(await getReferralStats(db(), a.id)).toEqual({ invited: 1, joined: 1, purchased: 1, pointsEarned: 0, pointsPending: 500 });
    expect(await settleDueReferrals(db(), new Date(now.getTime() + 13 * DAY))).toBe(0);
    expect(await balanceOf(a.id)).toBe(0);
    expect(await settleDueReferrals(db(), new Date(now.getTime() + 14 * DAY))).toBe(1);
    expect(await settleDueReferrals(db(), new Date(now.getTime() + 15 * DAY))).toBe(0);
    expect(await balanceOf(a.id)).toBe(500);
    expect(await getReferralStats(db(), a.id)).toEqual({ invited: 1, joined: 1, purchased: 1, pointsEarned: 500, pointsPending: 0 });
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("cancels the pending points when the friend returns the order", async () => {
    const a = await referrer("refunds@example.com");
    await friendJoins(a.code, "cara@example.com");
    await paid("cara@example.com", 8_000, "cara-1");
    await apply(shopEventSchema.parse({ id: "evt-cara-refund", type: "order.refunded", occurred_at: now.toISOString(), data: { order_id: "cara-1", amount_cents: 8_000 } }));
    expect(await getReferralStats(db(), a.id)).toMatchObject({ purchased: 0, pointsPending: 0 });
    expect(await settleDueReferrals(db(), new Date(now.getTime() + 30 * DAY))).toBe(0);
    expect(await balanceOf(a.id)).toBe(0);
  });

  it("records self-referrals, existing customers and a busy IP as rejected, with the reason", async () => {
    const a = await referrer("selfish@gmail.com");
    expect(await claimReferral(db(), { code: a.code, email: "Sel.fish+2@googlemail.com", ipHash: "ip-x", now })).toEqual({ status: "rejected", reason: "self-referral" });
    await paid("old@example.com", 2_000);
    expect(await claimReferral(db(), { code: a.code, email: "old@example.com", ipHash: "ip-y", now })).toEqual({ status: "rejected", reason: "existing-customer" });
    for (let i = 0; i < 10; i++) expect((await claimReferral(db(), { code: a.code, email: `crowd${i}@example.com`, ipHash: "ip-busy", now })).status).toBe("claimed");
    expect(await claimReferral(db(), { code: a.code, email: "crowd10@example.com", ipHash: "ip-busy", now })).toEqual({ status: "rejected", reason: "ip-limit" });
    expect(await claimReferral(db(), { code: "ZZZZZZZ", email: "x@example.com", ipHash: null, now })).toEqual({ status: "unknown-code" });
    const rejected = await db().select({ reason: referrals.reason }).from(referrals).where(and(eq(referrals.referrerId, a.id), eq(referrals.status, "rejected")));
    expect(rejected.map((r) => r.reason).sort()).toEqual(["existing-customer", "ip-limit", "self-referral"]);
  });

  it("lets one of two simultaneous claims for a mailbox through", async () => {
    const a = await referrer("race1@example.com");
    const b = await referrer("race2@example.com");
    const results = await Promise.all([a, b].map((r) => claimReferral(db(), { code: r.code, email: "wanted@example.com", ipHash: null, now })));
    expect(results.filter((r) => r.status === "claimed")).toHaveLength(1);
  });

  it("needs the friend's first order at the minimum, and holds the monthly limit", async () => {
    const [program] = await db().select().from(programs);
    await db().update(programs).set({ referralRule: { monthlyLimit: 1 } });
    forgetProgramConfig(db());
    try {
      const a = await referrer("limit@example.com");
      await friendJoins(a.code, "small@example.com");
      await paid("small@example.com", 4_999);
      await friendJoins(a.code, "f1@example.com");
      await friendJoins(a.code, "f2@example.com");
      await Promise.all([paid("f1@example.com", 9_000), paid("f2@example.com", 9_000)]);
      const rows = await db().select({ status: referrals.status, reason: referrals.reason }).from(referrals).where(eq(referrals.referrerId, a.id));
      expect(rows.map((r) => `${r.status}:${r.reason ?? ""}`).sort()).toEqual(["pending:", "rejected:below-minimum", "rejected:monthly-limit"]);
    } finally {
      await db().update(programs).set({ referralRule: program!.referralRule });
      forgetProgramConfig(db());
    }
  });
});
