import { eq } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { PROGRAM_ID } from "../program-id";
import { campaigns, members, notifications, orders, programs, rewards, tiers } from "../schema";
import { describeEachDatabase } from "../test-databases";
import { inCampaignAudience, listCampaigns, previewAudience } from "./campaigns";
import { cancelCampaign, createCampaign, dispatchDueCampaigns } from "../../server/campaigns";
import { forgetProgramConfig } from "./program";
import { listRewardOffers } from "./rewards";
import { redeemReward } from "../../server/rewards";

const now = new Date("2027-03-10T11:00:00Z"); // 12:00 in Berlin: no quiet hours
const DAY = 86_400_000;

describeEachDatabase("campaigns", (db) => {
  let n = 0;
  const owner = { id: "", email: "owner@example.com" };
  const message = { de: { title: "Nur für Gold: Zeltlampe", body: "Exklusiv für dich bis Sonntag." }, en: { title: "Gold only: tent lamp", body: "Just for you until Sunday." } };

  async function member(values: Partial<typeof members.$inferInsert> = {}) {
    const [m] = await db()
      .insert(members)
      .values({ email: `campaign-${++n}@example.com`, emailVerified: new Date("2026-01-01T00:00:00Z"), marketingMailConfirmedAt: new Date("2026-01-02T00:00:00Z"), ...values })
      .returning();
    return m!;
  }
  const order = (memberId: string, daysAgo: number, category: string) =>
    db().insert(orders).values({ memberId, shopOrderId: `c-order-${++n}`, currency: "EUR", subtotalCents: 5_000, paidAt: new Date(now.getTime() - daysAgo * DAY), items: [{ sku: "X", name: "X", quantity: 1, unit_price_cents: 5_000, category }] });

  beforeEach(async () => {
    if (n > 0) return;
    await db().insert(programs).values({ id: PROGRAM_ID, name: "Gipfelglück" });
    await db().insert(tiers).values([
      { id: "silber", programId: PROGRAM_ID, name: { de: "Silber", en: "Silver" }, thresholdCents: 0, position: 0 },
      { id: "gold", programId: PROGRAM_ID, name: { de: "Gold", en: "Gold" }, thresholdCents: 1, position: 1 },
    ]);
    await db().insert(rewards).values([
      { id: "lamp", programId: PROGRAM_ID, kind: "free_product", name: { de: "Zeltlampe", en: "Tent lamp" }, description: { de: "", en: "" }, pointsCost: 100, sku: "LAMP" },
      { id: "stove", programId: PROGRAM_ID, kind: "free_product", name: { de: "Kocher", en: "Stove" }, description: { de: "", en: "" }, pointsCost: 100, sku: "STOVE" },
    ]);
    const [o] = await db().insert(members).values({ email: owner.email, role: "owner" }).returning();
    owner.id = o!.id;
    forgetProgramConfig(db());
  });

  it("selects by tier, points, last order, categories bought, birthday month, enrolment and consent", async () => {
    await db().delete(members).where(eq(members.role, "member"));
    const dogs = await member({ tierId: "gold", pointsBalance: 0, birthday: "1990-05-04" });
    await order(dogs.id, 10, "Hunde");
    const cats = await member({ tierId: "silber", marketingMailConfirmedAt: null });
    await order(cats.id, 200, "Katzen");
    await member({ emailVerified: null, marketingMailConfirmedAt: null }); // known from orders only
    const count = async (segment: object) => (await previewAudience(db(), segment, now)).members;
    expect(await count({})).toBe(3);
    expect(await count({ tiers: ["gold"] })).toBe(1);
    expect(await count({ categories: ["hunde"] })).toBe(1); // case does not matter
    expect(await count({ lastOrderBefore: "2027-01-01" })).toBe(1);
    expect(await count({ lastOrderAfter: "2027-01-01" })).toBe(1);
    expect(await count({ birthdayMonth: 5 })).toBe(1);
    expect(await count({ enrolled: false })).toBe(1);
    expect(await count({ marketingConsent: true })).toBe(1);
    expect(await count({ pointsMax: 0, tiers: ["gold", "silber"] })).toBe(2);
    // Reachable: by e-mail only with consent, and no push subscription here.
    expect(await previewAudience(db(), {}, now)).toEqual({ members: 3, reachable: 1 });
  });

  it("sends to the segment through the outbox and keeps the exclusive reward to it, checked on redeem", async () => {
    await db().delete(members).where(eq(members.role, "member"));
    const gold = await member({ tierId: "gold", pointsBalance: 500 });
    const silver = await member({ tierId: "silber", pointsBalance: 500 });
    const goldWithoutConsent = await member({ tierId: "gold", pointsBalance: 500, marketingMailConfirmedAt: null });
    const { id } = await createCampaign(db(), owner, { name: "Gold-Lampe", message, segment: { tiers: ["gold"] }, reward: { id: "lamp", mode: "exclusive", until: new Date(now.getTime() + 7 * DAY).toISOString() }, scheduledAt: new Date(now.getTime() + DAY).toISOString() }, now);
    // Scheduled for tomorrow: from now on nobody sees the lamp in the catalog, and nothing is sent yet.
    expect((await listRewardOffers(db(), gold.id, now)).map((o) => o.reward.id)).not.toContain("lamp");
    expect(await dispatchDueCampaigns(db(), now)).toEqual({ campaigns: 0, queued: 0 });

    const sendDay = new Date(now.getTime() + DAY);
    await Promise.all([dispatchDueCampaigns(db(), sendDay), dispatchDueCampaigns(db(), sendDay)]);
    const sent = await db().select().from(notifications).where(eq(notifications.source, `campaign:${id}`));
    expect(sent.map((r) => [r.memberId, r.kind, r.channel])).toEqual([[gold.id, "campaign", "email"]]);
    expect(sent[0]!.params).toMatchObject({ title_de: "Nur für Gold: Zeltlampe", title_en: "Gold only: tent lamp" });
    expect(sent[0]!.url).toBe("/rewards/lamp");
    expect(await inCampaignAudience(db(), id, goldWithoutConsent.id)).toBe(true); // in the segment, just not mailed

    expect((await listRewardOffers(db(), gold.id, sendDay)).map((o) => o.reward.id)).toContain("lamp");
    expect((await listRewardOffers(db(), goldWithoutConsent.id, sendDay)).map((o) => o.reward.id)).toContain("lamp");
    expect((await listRewardOffers(db(), silver.id, sendDay)).map((o) => o.reward.id)).not.toContain("lamp");
    expect(await redeemReward(db(), silver.id, "lamp", "silver-try", sendDay)).toEqual({ status: "refused", availability: { ok: false, reason: "inactive" } });
    expect((await redeemReward(db(), gold.id, "lamp", "gold-try", sendDay)).status).toBe("issued");
    // After the end date the reward is gone for the audience too.
    const after = new Date(now.getTime() + 9 * DAY);
    expect(await redeemReward(db(), goldWithoutConsent.id, "lamp", "late", after)).toMatchObject({ status: "refused" });

    const [row] = await listCampaigns(db());
    expect(row).toMatchObject({ id, status: "sent", audience: 2, queued: 1, converted: 1 });
  });

  it("queues a large audience in batches that carry on after a restart, each member once", async () => {
    await db().delete(members).where(eq(members.role, "member"));
    for (let i = 0; i < 7; i++) await member({ tierId: "silber" });
    const { id } = await createCampaign(db(), owner, { name: "Alle", message, segment: {}, scheduledAt: now.toISOString() }, now);
    // Audience first, then one batch of 3 per call: a crash between calls loses nothing.
    await dispatchDueCampaigns(db(), now, { batches: 1, batchSize: 3 });
    await dispatchDueCampaigns(db(), now, { batches: 1, batchSize: 3 });
    let [c] = await db().select().from(campaigns).where(eq(campaigns.id, id));
    expect(c).toMatchObject({ status: "sending", audience: 7, queued: 3 });
    await Promise.all([dispatchDueCampaigns(db(), now, { batchSize: 3 }), dispatchDueCampaigns(db(), now, { batchSize: 3 })]);
    [c] = await db().select().from(campaigns).where(eq(campaigns.id, id));
    expect(c).toMatchObject({ status: "sent", queued: 7 });
    const rows = await db().select().from(notifications).where(eq(notifications.source, `campaign:${id}`));
    expect(new Set(rows.map((r) => r.memberId)).size).toBe(7);
    expect(rows).toHaveLength(7);
  });

  it("cancels a scheduled campaign: nothing is sent and its reward is back in the catalog", async () => {
    const gold = await member({ tierId: "gold" });
    const { id } = await createCampaign(db(), owner, { name: "Abgesagt", message, segment: {}, reward: { id: "stove", mode: "exclusive", until: new Date(now.getTime() + 3 * DAY).toISOString() }, scheduledAt: now.toISOString() }, now);
    expect(await cancelCampaign(db(), owner, id, now)).toBe(true);
    expect(await cancelCampaign(db(), owner, id, now)).toBe(false);
    await dispatchDueCampaigns(db(), now);
    expect(await db().select().from(notifications).where(eq(notifications.source, `campaign:${id}`))).toEqual([]);
    expect((await listRewardOffers(db(), gold.id, now)).map((o) => o.reward.id)).toContain("stove");
  });
});
