// The launcher's API on the shop's pages, against a real database: who the shop's signed identity
// names, what the panel shows them (the app's own figures), joining, redeeming once per tap, and
// the two-minute single-use hand-over into the app. Bad input is refused with a reason and writes
// nothing; another site's page gets nothing.
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeAll, expect, it } from "vitest";
import { POST as handoverRoute } from "../../app/api/embed/v1/handover/route";
import { POST as joinRoute } from "../../app/api/embed/v1/join/route";
import { OPTIONS as panelPreflight, POST as panelRoute } from "../../app/api/embed/v1/panel/route";
import { POST as redeemRoute } from "../../app/api/embed/v1/redeem/route";
import { exchangeHandover, peekHandover } from "../auth/handover-sign-in";
import { getMemberSummary } from "../db/queries/members";
import { eraseMember } from "../server/privacy";
import { coupons, members, storefrontHandovers } from "../db/schema";
import { DEMO_OWNER, DEMO_SHOPPER, seedDemo } from "../db/seed-demo";
import { describeEachDatabase, routesUse } from "../db/test-databases";
import { HANDOVER_VALID_SECONDS } from "./handover";
import { signStorefrontIdentity } from "./identity";

const SHOP = "https://shop.example";
const SECRET = "launcher-int-secret";
process.env.TREUE_STOREFRONT_ORIGINS = SHOP;
process.env.TREUE_SHOP_SECRET = SECRET;
process.env.NEXTAUTH_URL = "https://treue.example";
process.env.TREUE_PUBLIC_URL ??= "https://treue.example";

type Who = { customerId: string; email: string; ts?: number; secret?: string };
function identity(who: Who) {
  const ts = who.ts ?? Math.floor(Date.now() / 1000);
  return { customer: who.customerId, email: who.email, ts: String(ts), signature: signStorefrontIdentity(who.secret ?? SECRET, { customerId: who.customerId, email: who.email, ts }) };
}

const ANNA = { customerId: DEMO_SHOPPER.shopCustomerId, email: DEMO_SHOPPER.email };

function widget(path: string, body: unknown, origin: string | null = SHOP) {
  return new NextRequest(`https://treue.example/api/embed/v1/${path}`, {
    method: "POST",
    headers: { "content-type": "text/plain", ...(origin && { origin }) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function read(response: Response) {
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers are checked field by field below
    body: (await response.json()) as Record<string, any>,
  };
}

describeEachDatabase("the launcher on the shop's pages", (db) => {
  let annaId: string;
  beforeAll(async () => {
    routesUse(db());
    await seedDemo(db());
    const [anna] = await db().select({ id: members.id }).from(members).where(eq(members.email, DEMO_SHOPPER.email));
    annaId = anna!.id;
  });

  it("shows a visitor the shop does not name the program, and the member it names the app's balance and tier", async () => {
    routesUse(db());
    const guest = await read(await panelRoute(widget("panel", { lang: "de" })));
    expect(guest.status).toBe(200);
    expect(guest.headers).toMatchObject({ "access-control-allow-origin": SHOP, "cache-control": "private, no-store" });
    expect(guest.body).toMatchObject({ kind: "guest", shop: { name: "Gipfelglück Outdoor" }, earn: { points_per_unit: 1, unit: "1,00\u00a0€" }, join_url: "https://treue.example/login" });
    expect(guest.body.member).toBeUndefined();
    expect(guest.body.rewards.length).toBeGreaterThan(0);

    const member = await read(await panelRoute(widget("panel", { identity: identity(ANNA), lang: "en" })));
    const summary = await getMemberSummary(db(), annaId);
    expect(member.body).toMatchObject({ kind: "member", member: { first_name: "Anna", balance: summary!.pointsBalance } });
    expect(member.body.referral.url).toMatch(/^https:\/\/treue\.example\/r\/[A-Za-z0-9]+$/);
    // Names in the page's language.
    expect(member.body.rewards.map((r: { name: string }) => r.name)).toContain("Free shipping");
  });

  it("treats a forged, expired or malformed identity as a guest", async () => {
    routesUse(db());
    const day = 24 * 60 * 60;
    for (const bad of [
      identity({ ...ANNA, secret: "someone-else" }),
      identity({ ...ANNA, ts: Math.floor(Date.now() / 1000) - day - 60 }),
      { ...identity(ANNA), customer: "cust.1001" },
      { ...identity(ANNA), email: "other@example.com" },
    ]) {
      const answer = await read(await panelRoute(widget("panel", { identity: bad })));
      expect(answer.status).toBe(200);
      expect(answer.body.kind).toBe("guest");
    }
  });

  it("refuses another site's page, a preflight from it, and bodies that are not a widget's, without writing", async () => {
    routesUse(db());
    const foreign = await read(await panelRoute(widget("panel", {}, "https://evil.example")));
    expect(foreign.status).toBe(403);
    expect(foreign.headers["access-control-allow-origin"]).toBeUndefined();
    expect((await panelPreflight(new NextRequest("https://treue.example/api/embed/v1/panel", { method: "OPTIONS", headers: { origin: "https://evil.example" } }))).status).toBe(403);
    const preflight = await panelPreflight(new NextRequest("https://treue.example/api/embed/v1/panel", { method: "OPTIONS", headers: { origin: SHOP } }));
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(SHOP);

    const handoversBefore = (await db().select().from(storefrontHandovers)).length;
    for (const [body, detail] of [
      ["{not json", "the body must be JSON"],
      [JSON.stringify({ identity: identity(ANNA), pad: "x".repeat(9_000) }), "at most 8192 bytes"],
      [JSON.stringify({ identity: "anna" }), "identity"],
    ] as const) {
      const answer = await read(await handoverRoute(widget("handover", body)));
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ type: "urn:treue:problem:invalid-body" });
      expect(answer.body.detail).toContain(detail);
    }
    expect((await db().select().from(storefrontHandovers)).length).toBe(handoversBefore);
  });

  it("lets a customer the shop vouched for join once, and never takes a member tied to another customer", async () => {
    routesUse(db());
    const newcomer = { customerId: "cust_join_1", email: "join-1@example.com" };
    const guestJoin = await read(await joinRoute(widget("join", {})));
    expect(guestJoin.status).toBe(401);

    const first = await read(await joinRoute(widget("join", { identity: identity(newcomer) })));
    expect(first.body).toMatchObject({ kind: "member", member: { balance: 0 } });
    const again = await read(await joinRoute(widget("join", { identity: identity(newcomer) })));
    expect(again.body.kind).toBe("member");
    const made = await db().select().from(members).where(eq(members.shopCustomerId, "cust_join_1"));
    expect(made).toHaveLength(1);
    expect(made[0]!.email).toBe("join-1@example.com");

    // Anna's address under another customer id: not Anna, and Anna stays as she is.
    const impostor = await read(await joinRoute(widget("join", { identity: identity({ customerId: "cust_other", email: DEMO_SHOPPER.email }) })));
    expect(impostor.status).toBe(409);
    const [anna] = await db().select().from(members).where(eq(members.id, annaId));
    expect(anna!.shopCustomerId).toBe(DEMO_SHOPPER.shopCustomerId);
    expect(await db().select().from(members).where(eq(members.shopCustomerId, "cust_other"))).toHaveLength(0);
  });

  it("never gives a shop account a member by the e-mail alone: the member who signed up in the app stays theirs", async () => {
    routesUse(db());
    const [appOnly] = await db().insert(members).values({ email: "app-first@example.com", name: "App First", pointsBalance: 0 }).returning({ id: members.id });
    const claim = identity({ customerId: "cust_claims_app_first", email: "app-first@example.com" });
    const panel = await read(await panelRoute(widget("panel", { identity: claim })));
    expect(panel.body.kind).toBe("guest");
    const join = await read(await joinRoute(widget("join", { identity: claim })));
    expect(join.status).toBe(409);
    expect(join.body.detail).toContain("sign in to the app");
    expect((await read(await handoverRoute(widget("handover", { identity: claim })))).status).toBe(401);
    const [row] = await db().select().from(members).where(eq(members.id, appOnly!.id));
    expect(row!.shopCustomerId).toBeNull();
    expect(await db().select().from(members).where(eq(members.shopCustomerId, "cust_claims_app_first"))).toHaveLength(0);
  });

  it("redeems once per tap: the same request id again returns the same coupon and charges nothing more", async () => {
    routesUse(db());
    const before = (await getMemberSummary(db(), annaId))!.pointsBalance;
    const tap = { identity: identity(ANNA), reward_id: "shipping", request_id: "6f1d3c8e-2b4a-4c5d-9e7f-0a1b2c3d4e5f", lang: "de" };
    const [one, two] = await Promise.all([redeemRoute(widget("redeem", tap)).then(read), redeemRoute(widget("redeem", tap)).then(read)]);
    expect(one.body.status).toBe("issued");
    expect(two.body.coupon.code).toBe(one.body.coupon.code);
    expect(one.body.coupon).toMatchObject({ reward: "Gratis Versand", apply: null, state: "ready" });
    expect((await getMemberSummary(db(), annaId))!.pointsBalance).toBe(before - 150);
    expect(await db().select().from(coupons).where(eq(coupons.code, one.body.coupon.code))).toHaveLength(1);

    const guest = await read(await redeemRoute(widget("redeem", { ...tap, identity: undefined })));
    expect(guest.status).toBe(401);
    // The gold tier's reward costs more than Anna has: refused with the reason, nothing charged.
    const left = (await getMemberSummary(db(), annaId))!.pointsBalance;
    const tooDear = await read(await redeemRoute(widget("redeem", { ...tap, reward_id: "eur20", request_id: "7f1d3c8e-2b4a-4c5d-9e7f-0a1b2c3d4e5f" })));
    expect(tooDear.status).toBe(409);
    expect(tooDear.body).toMatchObject({ status: "refused" });
    expect(["insufficient-points", "tier-required"]).toContain(tooDear.body.reason);
    expect((await getMemberSummary(db(), annaId))!.pointsBalance).toBe(left);
    const invalid = await read(await redeemRoute(widget("redeem", { ...tap, request_id: "not-a-uuid" })));
    expect(invalid.status).toBe(400);
  });

  it("hands over into the app once, for two minutes, and never for staff or an erased member", async () => {
    routesUse(db());
    const made = await read(await handoverRoute(widget("handover", { identity: identity(ANNA) })));
    expect(made.status).toBe(200);
    expect(made.body.expires_in).toBe(HANDOVER_VALID_SECONDS);
    const token = new URL(made.body.url).searchParams.get("token")!;
    expect(made.body.url).toMatch(/^https:\/\/treue\.example\/login\/handover\?token=/);
    // Only its hash is stored.
    expect(JSON.stringify(await db().select().from(storefrontHandovers))).not.toContain(token);
    expect(await peekHandover(token)).toEqual({ state: "valid", memberId: annaId, email: DEMO_SHOPPER.email });
    // Two tabs racing with the same link: exactly one is signed in.
    const results = await Promise.all([exchangeHandover(token), exchangeHandover(token), exchangeHandover(token)]);
    expect(results.filter(Boolean)).toEqual([{ id: annaId, email: DEMO_SHOPPER.email, name: DEMO_SHOPPER.name }]);
    expect((await peekHandover(token)).state).toBe("used");

    const late = await read(await handoverRoute(widget("handover", { identity: identity(ANNA) })));
    const lateToken = new URL(late.body.url).searchParams.get("token")!;
    const afterTwoMinutes = new Date(Date.now() + (HANDOVER_VALID_SECONDS + 1) * 1000);
    expect((await peekHandover(lateToken, afterTwoMinutes)).state).toBe("expired");
    expect(await exchangeHandover(lateToken, afterTwoMinutes)).toBeNull();
    expect(await exchangeHandover("x".repeat(43))).toBeNull();
    expect((await peekHandover("../../etc")).state).toBe("unknown");

    // A day-old identity is good for the panel, not for a session: the hand-over wants one signed in the last 15 minutes.
    const stale = await read(await handoverRoute(widget("handover", { identity: identity({ ...ANNA, ts: Math.floor(Date.now() / 1000) - 16 * 60 }) })));
    expect(stale.status).toBe(401);
    expect(stale.body.detail).toContain("15 minutes");

    // The owner shops too, but staff never sign in from the shop's pages.
    await db().update(members).set({ shopCustomerId: "cust_owner" }).where(eq(members.email, DEMO_OWNER.email));
    const staff = await read(await handoverRoute(widget("handover", { identity: identity({ customerId: "cust_owner", email: DEMO_OWNER.email }) })));
    expect(staff.status).toBe(403);

    // Erased: the unused link signs no one in, and it is gone with the member.
    const newcomer = { customerId: "cust_erase", email: "erase-me@example.com" };
    await joinRoute(widget("join", { identity: identity(newcomer) }));
    const pending = await read(await handoverRoute(widget("handover", { identity: identity(newcomer) })));
    const [gone] = await db().select().from(members).where(eq(members.email, newcomer.email));
    await eraseMember(db(), { id: null, email: DEMO_OWNER.email }, gone!.id, newcomer.email);
    expect(await db().select().from(storefrontHandovers).where(eq(storefrontHandovers.memberId, gone!.id))).toHaveLength(0);
    expect(await exchangeHandover(new URL(pending.body.url).searchParams.get("token")!)).toBeNull();
  });
});
