// The language model's functions on the assistant's test shopper (lib/loyalty/assistant/test-fixture.ts:
// Gold from 500 €, 320 € spent, 140 points): the answers are the rules' sentences, and every way of
// asking for someone else or for a change is refused before anything is read.
import { describe, expect, it } from "vitest";
import type { Database } from "../../db/connect";
import { formatMoney } from "../../i18n/money";
import { shopperFacts } from "../../loyalty/assistant/test-fixture";
import { runTool, TOOL_DEFINITIONS, type ToolContext } from "./model-tools";

/** Stands in for the database: records the order lookups get_order makes and finds none. */
function context(locale: "de" | "en" = "de"): ToolContext & { lookups: number } {
  const ctx = { memberId: "m-1", facts: shopperFacts(), locale, lookups: 0 } as ToolContext & { lookups: number };
  ctx.db = { select: () => ({ from: () => ({ where: () => (ctx.lookups++, Promise.resolve([])) }) }) } as unknown as Database;
  return ctx;
}
const run = (ctx: ToolContext, name: string, args: unknown) => runTool(ctx, { name, arguments: typeof args === "string" ? args : JSON.stringify(args) });

describe("the language model's functions", () => {
  it("offers exactly the read-only functions, none taking a person", () => {
    expect(TOOL_DEFINITIONS.map((t) => t.function.name)).toEqual(["get_balance", "get_tier_progress", "get_expiring_points", "get_coupons", "get_open_tasks", "get_referral_status", "get_order", "hand_over_to_person"]);
    for (const t of TOOL_DEFINITIONS) expect(t.function.parameters).toMatchObject({ type: "object", additionalProperties: false });
  });

  it("answers the tier question with the rules' figure, for a named tier and the next one", async () => {
    const gold = await run(context(), "get_tier_progress", { tier_name: "gold" });
    expect(gold.logged.refused).toBeNull();
    // 500 € less 320 € spent.
    expect(JSON.parse(gold.content).result).toContain(formatMoney("de", 18_000, "EUR"));
    const next = await run(context("en"), "get_tier_progress", { tier_name: null });
    expect(JSON.parse(next.content).result).toContain(formatMoney("en", 18_000, "EUR"));
    expect((await run(context(), "get_tier_progress", { tier_name: "Platin" })).logged.refused).toBe("not-found");
  });

  it("reads an order of the shopper's own from their facts, and looks up no one else's", async () => {
    const ctx = context();
    const own = await run(ctx, "get_order", { order_number: "#10023" });
    expect(JSON.parse(own.content).result).toContain("10023");
    expect(own.reply?.actions).toContainEqual({ kind: "openClaim", orderId: "10023" });
    expect(ctx.lookups).toBe(0);
    // A number not among their recent orders is looked up among theirs only (a UUID too: some shops number so).
    const other = await run(ctx, "get_order", { order_number: "6f1c2a4e-9b1d-4c55-8a11-0d2f3e4b5c6d" });
    expect(other.logged.refused).toBe("not-found");
    expect(ctx.lookups).toBe(1);
  });

  it("refuses writes, unknown functions, people named anywhere and arguments outside the schema, reading nothing", async () => {
    const ctx = context();
    const cases: [string, unknown, string][] = [
      ["redeem_reward", { reward: "five-off" }, "writes"],
      ["set_balance", {}, "writes"],
      ["get_member", {}, "unknown-function"],
      ["get_balance", { member_id: "m-2" }, "other-member"],
      ["get_balance", { id: "m-2" }, "other-member"],
      ["get_coupons", { code: "ben@example.com" }, "other-member"],
      ["get_coupons", { code: "6f1c2a4e-9b1d-4c55-8a11-0d2f3e4b5c6d" }, "other-member"],
      ["get_order", { order_number: "10023", customer: "cust_1002" }, "other-member"],
      ["hand_over_to_person", { reason: "write to ben@example.com" }, "other-member"],
      ["get_order", { order_id: "10023" }, "invalid-arguments"],
      ["get_order", {}, "invalid-arguments"],
      ["get_balance", { points: 5 }, "invalid-arguments"],
      ["get_balance", "[", "invalid-arguments"],
      ["toString", {}, "unknown-function"],
    ];
    for (const [name, args, reason] of cases) {
      const outcome = await run(ctx, name, args);
      expect([name, outcome.logged.refused]).toEqual([name, reason]);
      expect(JSON.parse(outcome.content)).toHaveProperty("error");
      expect(outcome.reply).toBeNull();
    }
    expect(ctx.lookups).toBe(0);
  });

  it("keeps long arguments short in the log", async () => {
    const outcome = await run(context(), "get_coupons", { code: "X".repeat(5_000) });
    expect(outcome.logged.refused).toBe("invalid-arguments");
    expect(String(outcome.logged.arguments).length).toBeLessThanOrEqual(1_001);
  });

  it("hands over on request", async () => {
    const outcome = await run(context(), "hand_over_to_person", {});
    expect(outcome.handOver).toBe(true);
    expect(outcome.logged.refused).toBeNull();
  });
});
