// The assistant service over a real database: the demo shopper's own data, read as the app reads it,
// answers "how much for Gold?", the balance and a named order; another member's order stays unknown.
import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { DEMO_CAMPER, DEMO_SHOPPER, seedDemo } from "../../db/seed-demo";
import { members, orders } from "../../db/schema";
import { describeEachDatabase } from "../../db/test-databases";
import { getProgramConfig } from "../../db/queries/program";
import { getMemberStanding } from "../../db/queries/tiers";
import { formatMoney } from "../../i18n/money";
import { answerShopper } from ".";

describeEachDatabase("the assistant service", (db) => {
  const now = new Date("2026-11-22T10:00:00Z");
  let anna: { id: string; pointsBalance: number };
  let bensOrder: string;

  beforeAll(async () => {
    await seedDemo(db(), now);
    [anna] = await db().select({ id: members.id, pointsBalance: members.pointsBalance }).from(members).where(eq(members.email, DEMO_SHOPPER.email)) as [typeof anna];
    const [ben] = await db().select({ id: members.id }).from(members).where(eq(members.email, DEMO_CAMPER.email));
    const [order] = await db().select({ id: orders.shopOrderId }).from(orders).where(eq(orders.memberId, ben!.id)).limit(1);
    bensOrder = order!.id;
  });

  const ask = (text: string, locale: "de" | "en" = "de") => answerShopper(db(), { memberId: anna.id, conversationId: "c", text, locale }, now);

  it("tells the spend still missing to Gold, in the program's currency, in both languages", async () => {
    const config = await getProgramConfig(db());
    const gold = config.tiers.find((t) => t.name.de === "Gold")!;
    const { standing } = await getMemberStanding(db(), anna.id, now);
    // By hand: Gold's threshold less what Anna spent in the window that counts.
    const missing = gold.thresholdCents - standing.spendCents;
    expect(missing).toBeGreaterThan(0);
    const de = await ask("Wie viele Punkte brauche ich für Gold?");
    expect(de.text).toContain(formatMoney("de", missing, config.currency));
    expect(de.unsure).toBe(false);
    expect(de.actions).toContainEqual({ kind: "handover" });
    const en = await ask("How many points do I need for gold?", "en");
    expect(en.locale).toBe("en");
    expect(en.text).toContain(formatMoney("en", missing, config.currency));
  });

  it("answers the balance from the member's row", async () => {
    const reply = await ask("Wie viele Punkte habe ich?");
    expect(reply.text).toContain(new Intl.NumberFormat("de-DE").format(anna.pointsBalance));
    expect(JSON.parse(reply.log)).toMatchObject({ source: "rules", intent: "balance" });
  });

  it("never reads another member's order, and hands over when asked", async () => {
    const reply = await ask(`Mir fehlen Punkte für Bestellung ${bensOrder}`);
    expect(reply.text).not.toMatch(/\d+ Punkte? (gesammelt|bekommen)/);
    expect(reply.actions.some((a) => a.kind === "openClaim")).toBe(true);
    const person = await ask("Ich möchte mit einem Mitarbeiter sprechen");
    expect(person.handOver).toBe(true);
  });
});
