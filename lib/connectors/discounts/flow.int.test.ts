// A redeemed reward becomes a discount in the shop, on PGlite and PostgreSQL, for each platform,
// against a stand-in of that platform's admin API that checks every request: one discount per
// redemption however the shop behaves (down, refusing, a double tap), points back when it refuses
// for good, and the discount ended when support cancels the coupon.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLedgerMismatches } from "../../db/ledger-audit";
import { confirmShopwareShop, getDiscountSettings, registerShopwareShop } from "../../db/queries/connectors";
import { saveDiscountSettings } from "../settings";
import { cancelCoupon } from "../../server/members";
import { redeemReward } from "../../server/rewards";
import { DEMO_OWNER, seedDemo } from "../../db/seed-demo";
import { coupons, ledgerEntries, members, notifications } from "../../db/schema";
import { describeEachDatabase } from "../../db/test-databases";
import type { ConnectorPlatform } from "../types";
import type { FakeAdmin } from "./fake-admin";
import { startFakeShopify } from "./fakes/shopify-admin";
import { startFakeShopware } from "./fakes/shopware-admin";
import { startFakeWooCommerce } from "./fakes/woocommerce-admin";
import { discountAdapters, discountChooser, endShopDiscountNow, processShopDiscounts } from "./run";
import { claimDueShopDiscounts } from "../../db/queries/shop-discounts";
import { settleShopDiscount } from "./settle";

process.env.TREUE_ENCRYPTION_KEY ??= "discount-flow-test-key-discount-flow-test-key";
const KEY = process.env.TREUE_ENCRYPTION_KEY;

const platforms: { platform: ConnectorPlatform; start: () => Promise<FakeAdmin> }[] = [
  { platform: "shopify", start: () => startFakeShopify() },
  { platform: "woocommerce", start: () => startFakeWooCommerce() },
  { platform: "shopware", start: () => startFakeShopware() },
];

describe.each(platforms)("discounts in $platform", ({ platform, start }) => {
  let fake: FakeAdmin;
  beforeAll(async () => {
    fake = await start();
  });
  afterAll(async () => {
    await fake.close();
  });

  describeEachDatabase(`redeeming into ${platform}`, (db) => {
    const now = new Date("2026-12-07T10:00:00Z");
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    let n = 0;

    beforeAll(async () => {
      await seedDemo(db(), now);
      const [owner] = await db().select().from(members).where(eq(members.email, DEMO_OWNER.email));
      const actor = { id: owner!.id, email: owner!.email };
      if (platform === "shopware") {
        const { shopUrl, apiKey, secretKey } = fake.credentials as { shopUrl: string; apiKey: string; secretKey: string };
        await registerShopwareShop(db(), { shopId: "flow-shop", shopUrl, secret: "s".repeat(64) }, KEY);
        await confirmShopwareShop(db(), "flow-shop", { apiKey, secretKey }, KEY);
        await saveDiscountSettings(db(), actor, "shopware", { enabled: true }, KEY);
      } else {
        await saveDiscountSettings(db(), actor, platform, { enabled: true, adminUrl: fake.url, credentials: fake.credentials }, KEY);
      }
    });

    /** A shopper (known to the shop by customer id) with enough points for the 5 € reward. */
    async function shopper() {
      const [m] = await db()
        .insert(members)
        .values({ email: `flow-${platform}-${++n}@example.com`, shopCustomerId: `${9000 + n}`, emailVerified: at(-3600) })
        .returning({ id: members.id, email: members.email });
      await db().insert(ledgerEntries).values({ memberId: m!.id, delta: 600, kind: "adjust", sourceRef: "test", idempotencyKey: `grant:${m!.id}`, createdAt: at(-60) });
      fake.addCustomer?.(m!.email, `${9000 + n}`);
      return m!;
    }
    const redeem = async (memberId: string, requestId: string, when = now) =>
      redeemReward(db(), memberId, "eur5", requestId, when, discountChooser(await discountAdapters(db())));
    const run = (when: Date, couponId?: string) => processShopDiscounts(db(), () => when, { currency: "EUR", ...(couponId && { couponId }) });
    const couponRow = async (id: string) => (await db().select().from(coupons).where(eq(coupons.id, id)))[0]!;
    const balance = async (memberId: string) => (await db().select({ b: members.pointsBalance }).from(members).where(eq(members.id, memberId)))[0]!.b;
    const inShop = (code: string) => fake.discounts().filter((d) => d.code.toUpperCase() === code.toUpperCase());

    it("creates exactly one discount with the coupon's code, bound to the customer, single use, expiring with it", async () => {
      const m = await shopper();
      const issued = await redeem(m.id, `one-${n}`);
      if (issued.status !== "issued") throw new Error(issued.status);
      expect(issued.coupon.shopStatus).toBe("pending");
      expect(await run(now, issued.coupon.id)).toMatchObject({ created: 1 });
      const coupon = await couponRow(issued.coupon.id);
      expect(coupon).toMatchObject({ shopStatus: "created", shopPlatform: platform, shopError: null });
      const made = inShop(coupon.code);
      expect(made).toHaveLength(1);
      expect(made[0]!.active).toBe(true);
      expect(coupon.shopDiscountId).toBe(made[0]!.externalId);
      // The points stay spent, once.
      expect(await balance(m.id)).toBe(350);
      expect(fake.violations).toEqual([]);
    });

    it("a shop down for the first two tries still ends in one discount, on the job's later runs", async () => {
      const m = await shopper();
      const issued = await redeem(m.id, `down-${n}`);
      if (issued.status !== "issued") throw new Error(issued.status);
      fake.failNext(2, "down");
      expect(await run(now, issued.coupon.id)).toMatchObject({ retrying: 1 });
      expect((await couponRow(issued.coupon.id)).shopStatus).toBe("pending");
      // Not due again before its back-off has passed.
      expect(await run(at(1))).toMatchObject({ created: 0, retrying: 0 });
      expect(await run(at(6))).toMatchObject({ retrying: 1 });
      expect(await run(at(30))).toMatchObject({ created: 1 });
      const coupon = await couponRow(issued.coupon.id);
      expect(coupon.shopStatus).toBe("created");
      expect(coupon.shopAttempts).toBe(3);
      expect(inShop(coupon.code)).toHaveLength(1);
      expect(fake.violations).toEqual([]);
    });

    it("a refusal for good gives the points back, ends the coupon and tells the shopper", async () => {
      const m = await shopper();
      const issued = await redeem(m.id, `refused-${n}`);
      if (issued.status !== "issued") throw new Error(issued.status);
      expect(await balance(m.id)).toBe(350);
      fake.refuseNextCreate();
      expect(await run(now, issued.coupon.id)).toMatchObject({ failed: 1 });
      const coupon = await couponRow(issued.coupon.id);
      expect(coupon.shopStatus).toBe("failed");
      expect(coupon.shopError).toBeTruthy();
      expect(coupon.expiresAt.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(await balance(m.id)).toBe(600);
      expect(inShop(coupon.code)).toHaveLength(0);
      expect(await db().$count(notifications, eq(notifications.memberId, m.id))).toBe(1);
      // Run again: nothing more is given back.
      await run(at(3600));
      expect(await balance(m.id)).toBe(600);
      expect(await findLedgerMismatches(db())).toEqual([]);
    });

    it("a double tap, and two workers at once, make one coupon and one discount", async () => {
      const m = await shopper();
      const taps = await Promise.all([redeem(m.id, `tap-${n}`), redeem(m.id, `tap-${n}`)]);
      const ids = new Set(taps.map((t) => (t.status === "issued" || t.status === "duplicate" ? t.coupon.id : t.status)));
      expect(ids.size).toBe(1);
      const [id] = [...ids];
      await Promise.all([run(now, id), run(now, id), run(now)]);
      const coupon = await couponRow(id!);
      expect(coupon.shopStatus).toBe("created");
      expect(inShop(coupon.code)).toHaveLength(1);
      expect(await balance(m.id)).toBe(350);
    });

    it("a coupon support cancels is ended in the shop too", async () => {
      const m = await shopper();
      const issued = await redeem(m.id, `cancel-${n}`);
      if (issued.status !== "issued") throw new Error(issued.status);
      await run(now, issued.coupon.id);
      const [owner] = await db().select().from(members).where(eq(members.email, DEMO_OWNER.email));
      await cancelCoupon(db(), { id: owner!.id, email: owner!.email }, issued.coupon.id, "Falsche Prämie", at(10));
      expect((await couponRow(issued.coupon.id)).shopStatus).toBe("disabling");
      expect(await run(at(11))).toMatchObject({ disabled: 1 });
      expect((await couponRow(issued.coupon.id)).shopStatus).toBe("disabled");
      expect(inShop(issued.coupon.code).filter((d) => d.active)).toHaveLength(0);
      expect(await balance(m.id)).toBe(600);
      expect(fake.violations).toEqual([]);
    });

    it("support's cancellation ends the discount in the shop first, and is refused while the shop cannot", async () => {
      const m = await shopper();
      const issued = await redeem(m.id, `end-now-${n}`);
      if (issued.status !== "issued") throw new Error(issued.status);
      await run(now, issued.coupon.id);
      fake.failNext(1, "down");
      expect(await endShopDiscountNow(db(), issued.coupon.id, at(5))).toMatchObject({ ok: false });
      expect((await couponRow(issued.coupon.id)).shopStatus).toBe("created");
      expect(inShop(issued.coupon.code).filter((d) => d.active)).toHaveLength(1);
      expect(await endShopDiscountNow(db(), issued.coupon.id, at(6))).toEqual({ ok: true });
      expect((await couponRow(issued.coupon.id)).shopStatus).toBe("disabled");
      expect(inShop(issued.coupon.code).filter((d) => d.active)).toHaveLength(0);
    });

    it("an answer that comes after its lease ran out changes nothing: the later try decides", async () => {
      const m = await shopper();
      const issued = await redeem(m.id, `late-${n}`);
      if (issued.status !== "issued") throw new Error(issued.status);
      const [first] = await claimDueShopDiscounts(db(), now, { couponId: issued.coupon.id });
      // The first worker stalls past its lease; a second one claims the coupon and creates the discount.
      expect(await run(at(3 * 60), issued.coupon.id)).toMatchObject({ created: 1 });
      // The stalled worker finally hears a refusal: the coupon stays created, the points stay spent.
      expect(await settleShopDiscount(db(), first!, { ok: false, retry: false, reason: "late" }, 200_000, at(4 * 60))).toBe("created");
      expect((await couponRow(issued.coupon.id)).shopStatus).toBe("created");
      expect(await balance(m.id)).toBe(350);
    });
  });
});

describeEachDatabase("the shop's admin access", (db) => {
  it("goes only to the address it was given for: another address needs it typed again", async () => {
    const [owner] = await db().insert(members).values({ email: "access-owner@example.com", role: "owner" }).returning();
    const actor = { id: owner!.id, email: owner!.email };
    await saveDiscountSettings(db(), actor, "shopify", { enabled: true, adminUrl: "https://gipfel.myshopify.com", credentials: { accessToken: "shpat_secret_token" } }, KEY);
    const stored = async () => (await getDiscountSettings(db(), KEY)).find((s) => s.platform === "shopify");
    await saveDiscountSettings(db(), actor, "shopify", { enabled: false, adminUrl: "https://gipfel.myshopify.com" }, KEY);
    expect((await stored())?.credentials).toEqual({ accessToken: "shpat_secret_token" });
    await saveDiscountSettings(db(), actor, "shopify", { enabled: true, adminUrl: "https://attacker.example" }, KEY);
    expect((await stored())?.credentials).toBeNull();
    expect((await discountAdapters(db())).has("shopify")).toBe(false);
  });

  it("keeps a category reward a Treue code where the shop cannot limit it by category (Shopify)", async () => {
    const adapters = new Map([["shopify", {} as never], ["woocommerce", {} as never]]) as Parameters<typeof discountChooser>[0];
    const choose = discountChooser(adapters);
    expect(choose({ kind: "percent_off", usesCodePool: false, category: null })).toBe("shopify");
    expect(choose({ kind: "percent_off", usesCodePool: false, category: "tents" })).toBe("woocommerce");
    expect(discountChooser(new Map([["shopify", {} as never]]))({ kind: "amount_off", usesCodePool: false, category: "tents" })).toBeNull();
    expect(choose({ kind: "sale_access", usesCodePool: false, category: null })).toBeNull();
    expect(choose({ kind: "amount_off", usesCodePool: true, category: null })).toBeNull();
  });
});
