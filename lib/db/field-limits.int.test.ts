import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { POINTS_ADJUSTMENT, REWARD_POINTS_COST, REWARD_STOCK, TASK_POINTS, TEXT, TIER_MULTIPLIER_PERCENT } from "../validations/limits";
import { checkViolation } from "./pg-errors";
import { ledgerEntries, members, programs, rewards, supportRequests, tasks, tiers } from "./schema";
import { describeEachDatabase } from "./test-databases";

// Writes straight to the database, past the forms: the columns' CHECKs refuse a value past its limit.
describeEachDatabase("field limits in the database", (db) => {
  const programId = "limits";
  const reward = (id: string, change: Partial<typeof rewards.$inferInsert> = {}) => ({
    id,
    programId,
    kind: "amount_off" as const,
    name: { de: "5 € Rabatt", en: "€5 off" },
    description: { de: "Auf alles.", en: "On everything." },
    pointsCost: 500,
    valueCents: 500,
    ...change,
  });

  /** The constraint that refused the write (null: it went through). */
  async function refusedBy(write: Promise<unknown>): Promise<string | null> {
    try {
      await write;
      return null;
    } catch (error) {
      return checkViolation(error);
    }
  }

  it("takes values at the limits and refuses one past them, writing nothing", async () => {
    await db().insert(programs).values({ id: programId, name: "x".repeat(TEXT.programName.max) });
    await db().insert(rewards).values(reward("at-limits", { pointsCost: REWARD_POINTS_COST.max, stock: REWARD_STOCK.max }));
    expect(await refusedBy(db().insert(rewards).values(reward("too-dear", { pointsCost: REWARD_POINTS_COST.max + 1 })))).toBe("rewards_cost_range");
    expect(await refusedBy(db().insert(rewards).values(reward("too-many", { stock: REWARD_STOCK.max + 1 })))).toBe("rewards_stock_range");
    expect(await refusedBy(db().insert(rewards).values(reward("long-sku", { kind: "free_product", sku: "s".repeat(TEXT.sku.max + 1) })))).toBe("rewards_sku_length");
    expect(await refusedBy(db().update(rewards).set({ couponValidDays: 0 }).where(eq(rewards.id, "at-limits")))).toBe("rewards_validity_range");
    const kept = await db().select({ id: rewards.id, validDays: rewards.couponValidDays }).from(rewards);
    expect(kept).toEqual([{ id: "at-limits", validDays: 30 }]);
  });

  it("holds the program's name, tiers' multipliers and tasks' points to theirs", async () => {
    expect(await refusedBy(db().update(programs).set({ name: "x".repeat(TEXT.programName.max + 1) }).where(eq(programs.id, programId)))).toBe("programs_name_length");
    expect(await refusedBy(db().update(programs).set({ name: "" }).where(eq(programs.id, programId)))).toBe("programs_name_length");
    const tier = { id: "bronze", programId, name: { de: "Bronze", en: "Bronze" }, thresholdCents: 0, position: 0 };
    expect(await refusedBy(db().insert(tiers).values({ ...tier, multiplierPercent: TIER_MULTIPLIER_PERCENT.min - 1 }))).toBe("tiers_multiplier_range");
    await db().insert(tiers).values({ ...tier, multiplierPercent: TIER_MULTIPLIER_PERCENT.min });
    const task = { id: "umfrage", programId, kind: "survey", title: { de: "Umfrage", en: "Survey" } };
    expect(await refusedBy(db().insert(tasks).values({ ...task, points: TASK_POINTS.max + 1 }))).toBe("tasks_points_range");
    expect(await refusedBy(db().insert(tasks).values({ ...task, points: 50, position: -1 }))).toBe("tasks_position_range");
    expect(await db().select().from(tasks)).toEqual([]);
  });

  it("bounds an adjustment of the ledger, not an order's earning, and a support answer", async () => {
    const [member] = await db().insert(members).values({ email: "grenzen@example.com" }).returning({ id: members.id });
    const row = { memberId: member!.id, sourceRef: "staff:test", kind: "adjust" as const };
    expect(await refusedBy(db().insert(ledgerEntries).values({ ...row, delta: POINTS_ADJUSTMENT.max + 1, idempotencyKey: "limits:1" }))).toBe("ledger_adjust_range");
    await db().insert(ledgerEntries).values({ ...row, delta: POINTS_ADJUSTMENT.max, idempotencyKey: "limits:2" });
    await db().insert(ledgerEntries).values({ ...row, kind: "earn_order", delta: POINTS_ADJUSTMENT.max + 1, idempotencyKey: "limits:3" });
    const [{ balance }] = (await db().select({ balance: members.pointsBalance }).from(members).where(eq(members.id, member!.id))) as [{ balance: number }];
    expect(balance).toBe(2 * POINTS_ADJUSTMENT.max + 1);

    const [request] = await db().insert(supportRequests).values({ memberId: member!.id, orderNumber: "1042", orderDate: "2026-11-30" }).returning({ id: supportRequests.id });
    const answer = (reply: string) => db().update(supportRequests).set({ status: "resolved", reply, pointsGranted: 10 }).where(eq(supportRequests.id, request!.id));
    expect(await refusedBy(answer("r".repeat(TEXT.supportReply.max + 1)))).toBe("support_requests_reply_length");
    expect(await refusedBy(answer("ok"))).toBe("support_requests_reply_length");
    await answer("Gutgeschrieben.");
  });
});
