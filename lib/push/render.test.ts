import { describe, expect, it } from "vitest";
import { renderPush } from "./render";

const id = "7f0c2d4e-1111-4a2b-8c3d-000000000001";

describe("renderPush", () => {
  it("words each cause in German unless the member chose English", () => {
    const earned = { id, kind: "points_earned", params: { points: 125, balance: 950 }, url: "/history" };
    expect(renderPush(earned, null)).toEqual({
      id,
      title: "+125 Punkte",
      body: "Danke für deine Bestellung! Dein neuer Stand: 950 Punkte.",
      url: "/history",
      tag: "points_earned:/history",
    });
    expect(renderPush(earned, "en").title).toBe("+125 points");
  });
  it("names the tier in the member's language and dates in Berlin time", () => {
    expect(renderPush({ id, kind: "tier_up", params: { tier_de: "Silber", tier_en: "Silver" }, url: "/tiers" }, "en").title).toBe("Welcome to Silver!");
    const expiring = renderPush({ id, kind: "coupon_expiring", params: { code: "TR-ABC", expiresAt: "2026-11-25T23:30:00Z" }, url: "/wallet" }, "de");
    expect(expiring.body).toBe("TR-ABC gilt nur noch bis 26. November.");
  });
  it("words a new task with its title in the member's language", () => {
    const push = renderPush({ id, kind: "task_new", params: { title_de: "Sommer-Umfrage", title_en: "Summer survey", points: 40 }, url: "/tasks/summer" }, "en");
    expect([push.title, push.body]).toEqual(["New task: Summer survey", "Earn 40 points – have a look."]);
  });
  it("falls back to a neutral text for a kind this version does not know", () => {
    expect(renderPush({ id, kind: "from_the_future", params: {}, url: "/" }, "de").title).toBe("Neuigkeiten in deinem Treueprogramm");
  });
});
