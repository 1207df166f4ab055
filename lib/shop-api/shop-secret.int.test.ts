// The shop API's secret kept by the console (no TREUE_SHOP_SECRET): made and rotated, the one
// lookup every verifier uses, the rotated-out secret's grace period through the real route, the
// cache a rotation on another instance waits out, and the deliveries Connections lists.
import { NextRequest } from "next/server";
import { eq, like, sql } from "drizzle-orm";
import { afterEach, expect, it, vi } from "vitest";
import { POST as eventsRoute } from "../../app/api/v1/events/route";
import type { StaffMember } from "../console/action";
import { consoleActions } from "../console/actions";
import { seal } from "../db/secret-box";
import { forgetProgramConfig } from "../db/queries/program";
import { listShopApiDeliveries, recordShopApiDelivery, SHOP_API_DELIVERIES_KEPT } from "../db/queries/shop-api-deliveries";
import { readShopApiSecret } from "../db/queries/shop-api-secret";
import { cachedShopApiSecret, forgetShopApiSecret, SHOP_API_SECRET_FAILED_TTL_MS, SHOP_API_SECRET_TTL_MS, storeShopApiSecret } from "./secret-store";
import { auditLog, members, programs, shopApiDeliveries, shopApiSecret, shopEvents } from "../db/schema";
import { describeEachDatabase, routesUse } from "../db/test-databases";
import { identifyVisitor } from "../storefront/visitor";
import { signStorefrontIdentity } from "../storefront/identity";
import { acceptedShopSecrets, SHOP_SECRET_GRACE_MS } from "./secret-grace";
import { shopSecrets } from "./shop-secret";
import { signRequest } from "./signature";

delete process.env.TREUE_SHOP_SECRET;
process.env.TREUE_ENCRYPTION_KEY = "shop-secret-test-key-shop-secret-test-key";
const KEY = process.env.TREUE_ENCRYPTION_KEY;

afterEach(() => {
  vi.useRealTimers();
});

function post(secret: string, body: string, now = Date.now()) {
  const headers = { ...signRequest(secret, { method: "POST", url: "/api/v1/events", body }, now), "content-type": "application/json" };
  return eventsRoute(new NextRequest("http://treue.test/api/v1/events", { method: "POST", headers, body }));
}

const testEvent = (id: string) => JSON.stringify({ id, type: "test", occurred_at: "2026-11-20T10:15:00Z" });
const orderPaid = (id: string, cents = 5_000) =>
  JSON.stringify({
    id,
    type: "order.paid",
    occurred_at: "2026-11-20T10:15:00Z",
    data: { order_id: `order-${id}`, customer: { id: `c-${id}`, email: `${id}@example.com` }, currency: "EUR", subtotal_cents: cents, items: [] },
  });

describeEachDatabase("the shop API's secret kept by the console", (db, kind) => {
  /** Log rows straight into the table, `${prefix}-0` the oldest, one millisecond apart, the newest a minute before `now`. */
  const fillDeliveryLog = (count: number, prefix: string, outcome: "refused" | "duplicate", now: number) =>
    db()
      .insert(shopApiDeliveries)
      .values(Array.from({ length: count }, (_, i) => ({ eventId: `${prefix}-${i}`, type: "order.paid", outcome, status: outcome === "refused" ? 422 : 200, detail: "x", receivedAt: new Date(now - 60_000 + i) })));

  let owner: { id: string; email: string };
  const staff = (): StaffMember => ({ ...owner, name: "Inhaberin", locale: null, role: "owner", pointsBalance: 0 }) as StaffMember;
  const run = <N extends "shop-api.secret" | "shop-api.test" | "shop-api.secret-delete">(name: N, input: unknown, now = new Date()) =>
    consoleActions[name].run({ db: db(), staff: staff(), now }, consoleActions[name].input.parse(input) as never) as Promise<Record<string, unknown>>;

  it("is missing at first: the shop API answers 503 and names both ways to set it", async () => {
    routesUse(db());
    [owner] = (await db().insert(members).values({ email: "inhaberin@example.com", name: "Inhaberin", role: "owner" }).returning({ id: members.id, email: members.email })) as [typeof owner];
    expect(await shopSecrets()).toBeNull();
    const response = await post("anything", testEvent("evt-none"));
    expect(response.status).toBe(503);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/console \(Connections → Shop API\) or set TREUE_SHOP_SECRET/);
  });

  it("is made strong by the console, shown once in full, then known only by its last four characters and who set it", async () => {
    routesUse(db());
    const made = await run("shop-api.secret", {});
    const secret = made.secret as string;
    expect(secret).toMatch(/^tshop_[A-Za-z0-9_-]{43}$/);
    expect(made.hint).toBe(secret.slice(-4));
    const [row] = await db().select().from(shopApiSecret);
    expect(row!.secretCiphertext).not.toContain(secret.slice(6)); // sealed, not stored in the clear
    const stored = await readShopApiSecret(db(), KEY);
    expect(stored).toMatchObject({ secret, hint: secret.slice(-4), setBy: { email: "inhaberin@example.com", name: "Inhaberin" }, previous: null });
    expect(await shopSecrets()).toEqual({ source: "console", signing: secret, accepted: [secret] });
    // The shop signs with it at once on this instance: the store forgot the cached row.
    expect(await (await post(secret, testEvent("evt-made"))).json()).toEqual({ status: "test", event_id: "evt-made" });
    expect((await db().select().from(auditLog).where(eq(auditLog.action, "shop-api.secret-set"))).map((a) => a.after)).toEqual([{ hint: `…${secret.slice(-4)}`, previousValidUntil: null }]);
  });

  it("rotates: the new secret signs, the old one still verifies for 24 hours and is refused after", async () => {
    routesUse(db());
    const old = (await readShopApiSecret(db(), KEY))!.secret!;
    const rotatedAt = new Date();
    const fresh = (await run("shop-api.secret", {}, rotatedAt)).secret as string;
    expect(fresh).not.toBe(old);
    const secrets = await shopSecrets(rotatedAt);
    expect(secrets).toEqual({ source: "console", signing: fresh, accepted: [fresh, old] });
    expect((await readShopApiSecret(db(), KEY))!.previous).toMatchObject({ secret: old, hint: old.slice(-4), validUntil: new Date(rotatedAt.getTime() + SHOP_SECRET_GRACE_MS) });

    expect((await post(fresh, testEvent("evt-new"))).status).toBe(200);
    expect((await post(old, testEvent("evt-old-in-grace"))).status).toBe(200);

    // A day and a minute later (the grace period is over; the cache long expired).
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(rotatedAt.getTime() + SHOP_SECRET_GRACE_MS + 60_000);
    const refused = await post(old, testEvent("evt-old-after-grace"));
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/does not match/);
    expect((await post(fresh, testEvent("evt-new-later"))).status).toBe(200);
    expect((await shopSecrets())!.accepted).toEqual([fresh]);
  });

  it("rotates with the old secret ended at once (a leaked one): refused right away", async () => {
    routesUse(db());
    const old = (await readShopApiSecret(db(), KEY))!.secret!;
    const own = "my-own-shop-secret-with-at-least-32-chars";
    expect(await run("shop-api.secret", { secret: own, endPrevious: true })).toEqual({ secret: own, hint: "hars" });
    expect((await post(old, testEvent("evt-leaked"))).status).toBe(401);
    expect((await post(own, testEvent("evt-own"))).status).toBe(200);
    expect((await readShopApiSecret(db(), KEY))!.previous).toBeNull();
    // Too short or with spaces: a clear message, nothing stored.
    expect(() => consoleActions["shop-api.secret"].input.parse({ secret: "short" })).toThrow(/Mindestens 32 Zeichen/);
    expect(() => consoleActions["shop-api.secret"].input.parse({ secret: "with space with space with space with" })).toThrow(/sichtbare ASCII/);
    expect((await readShopApiSecret(db(), KEY))!.secret).toBe(own);
    // Without TREUE_SHOP_SECRET the stored secret is the only one: deleting it is refused, rotating is the way.
    await expect(run("shop-api.secret-delete", {})).rejects.toMatchObject({ code: "refused", key: "storedShopSecretInUse" });
    expect((await readShopApiSecret(db(), KEY))!.secret).toBe(own);
  });

  it("is read at most every 5 s per instance: a rotation made elsewhere is seen within that time", async () => {
    routesUse(db());
    vi.useFakeTimers({ toFake: ["Date"] });
    forgetShopApiSecret(db());
    const t0 = Date.now();
    const before = await cachedShopApiSecret(db(), KEY);
    // Another instance rotates (its own process, so this one's cache is not told).
    const elsewhere = seal("rotated-on-another-instance-0123456789", KEY);
    await db().update(shopApiSecret).set({ secretCiphertext: elsewhere, secretHint: "6789" });
    vi.setSystemTime(t0 + SHOP_API_SECRET_TTL_MS - 1);
    expect((await cachedShopApiSecret(db(), KEY))!.secret).toBe(before!.secret);
    // A caller's simulated moment (a console action's `now`) does not age the cache: only the clock does.
    expect((await shopSecrets(new Date(t0 + 3_600_000), db()))!.signing).toBe(before!.secret);
    vi.setSystemTime(t0 + SHOP_API_SECRET_TTL_MS);
    expect((await cachedShopApiSecret(db(), KEY))!.secret).toBe("rotated-on-another-instance-0123456789");
  });

  it("answers 503 (not 500) while the database cannot say the secret, and keeps that answer for a moment only", async () => {
    routesUse(db());
    const secret = (await shopSecrets())!.signing;
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = Date.now();
    forgetShopApiSecret(db());
    await db().execute(sql`ALTER TABLE shop_api_secret RENAME TO shop_api_secret_away`);
    try {
      const down = await post(secret, testEvent("evt-db-down"));
      expect(down.status).toBe(503);
      expect(down.headers.get("retry-after")).toBe("2");
      expect(await down.json()).toMatchObject({ type: "urn:treue:problem:secret-unavailable", detail: expect.stringMatching(/send the request again/) });
    } finally {
      await db().execute(sql`ALTER TABLE shop_api_secret_away RENAME TO shop_api_secret`);
    }
    // The failed read is kept briefly: a burst of requests does not each ask a database in trouble.
    vi.setSystemTime(t0 + SHOP_API_SECRET_FAILED_TTL_MS - 1);
    expect((await post(secret, testEvent("evt-db-still-cached"))).status).toBe(503);
    vi.setSystemTime(t0 + SHOP_API_SECRET_FAILED_TTL_MS);
    expect((await post(secret, testEvent("evt-db-back"))).status).toBe(200);
  });

  it("makes two concurrent first secrets one after the other: the second rotates the first, with grace", async () => {
    routesUse(db());
    await db().delete(shopApiSecret);
    forgetShopApiSecret(db());
    const at = new Date();
    const graceUntil = new Date(at.getTime() + SHOP_SECRET_GRACE_MS);
    const first = "first-concurrent-secret-0123456789abcdef";
    const second = "second-concurrent-secret-0123456789abcdef";
    const both = async () => Promise.all([storeShopApiSecret(db(), staff(), first, KEY, at, graceUntil), storeShopApiSecret(db(), staff(), second, KEY, at, graceUntil)]);
    if (kind === "postgres") {
      // Hold inserts back until both creates have looked for an existing secret, as two clicks at once would.
      await db().transaction(async (tx) => {
        await tx.execute(sql`LOCK TABLE shop_api_secret IN SHARE MODE`);
        const creating = both();
        await new Promise((resolve) => setTimeout(resolve, 500));
        return { creating };
      }).then(({ creating }) => creating);
    } else await both();
    const stored = (await readShopApiSecret(db(), KEY))!;
    expect([first, second]).toContain(stored.secret);
    const other = stored.secret === first ? second : first;
    expect(stored.previous).toEqual({ secret: other, hint: other.slice(-4), validUntil: graceUntil });
    const audited = await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.createdAt, at));
    expect(audited.map((a) => a.action).sort()).toEqual(["shop-api.secret-rotated", "shop-api.secret-set"]);
  });

  it("checks the storefront identity with the same lookup: a page signed before a rotation names its customer during the grace period", async () => {
    routesUse(db());
    const old = (await run("shop-api.secret", {})).secret as string;
    const at = new Date();
    await run("shop-api.secret", {}, at);
    const ts = Math.floor(at.getTime() / 1000);
    const identity = { customer: "c-42", email: "kundin@example.com", ts: String(ts), signature: signStorefrontIdentity(old, { customerId: "c-42", email: "kundin@example.com", ts }) };
    expect(await identifyVisitor(db(), identity, null, at)).toMatchObject({ kind: "customer", customerId: "c-42" });
    // The same identity under the old secret, had the grace period passed: a guest.
    expect(acceptedShopSecrets({ secret: "new", previous: { secret: old, validUntil: at } }, at)).toEqual(["new"]);
    await db().update(shopApiSecret).set({ previousValidUntil: at });
    forgetShopApiSecret(db());
    expect(await identifyVisitor(db(), identity, null, at)).toEqual({ kind: "guest" });
  });

  it("lists the deliveries: applied shop events with their points, duplicates, refusals with the reason, tests; not the connectors' events", async () => {
    routesUse(db());
    await db().delete(members).where(eq(members.role, "member"));
    await db().insert(programs).values({ id: "default", name: "Test" }).onConflictDoNothing();
    forgetProgramConfig(db());
    const secret = (await shopSecrets())!.signing;
    expect((await post(secret, orderPaid("evt-order-1"))).status).toBe(200);
    expect(await (await post(secret, orderPaid("evt-order-1"))).json()).toMatchObject({ status: "duplicate" });
    expect((await post(secret, orderPaid("evt-order-1", 9_000))).status).toBe(409);
    expect((await post(secret, JSON.stringify({ id: "evt-bad", type: "order.paid", occurred_at: "2026-11-20T10:15:00Z", data: {} }))).status).toBe(400);
    expect((await post(secret, "{")).status).toBe(400);
    await db().insert(shopEvents).values({ id: "shopify:order:1:paid", type: "order.paid", bodyHash: "x" });

    const listed = await listShopApiDeliveries(db());
    const byId = (id: string) => listed.filter((d) => d.eventId === id).map((d) => ({ outcome: d.outcome, detail: d.detail, points: d.pointsDelta }));
    expect(byId("evt-order-1")).toEqual(
      expect.arrayContaining([
        { outcome: "applied", detail: null, points: 50 },
        { outcome: "duplicate", detail: null, points: null },
        { outcome: "refused", detail: "event evt-order-1 was already received with a different body", points: null },
      ]),
    );
    expect(byId("evt-bad")).toEqual([{ outcome: "refused", detail: expect.stringMatching(/^\/data\/order_id: /), points: null }]);
    expect(listed.find((d) => d.eventId === "" && d.outcome === "refused")?.detail).toMatch(/not valid JSON/);
    expect(byId("evt-own")).toEqual([{ outcome: "test", detail: null, points: null }]);
    expect(byId("shopify:order:1:paid")).toEqual([]);
    // Newest first; a test applies nothing (no shop event, no member).
    expect(listed.map((d) => d.at.getTime())).toEqual([...listed.map((d) => d.at.getTime())].sort((a, b) => b - a));
    expect(await db().select().from(shopEvents).where(eq(shopEvents.id, "evt-own"))).toEqual([]);
  });

  it("folds replays and tests of one event id into one row with a count and the last time seen", async () => {
    routesUse(db());
    const secret = (await shopSecrets())!.signing;
    const before = await db().select().from(shopApiDeliveries);
    for (let i = 0; i < 5; i += 1) expect((await post(secret, orderPaid("evt-order-1"))).status).toBe(200);
    for (let i = 0; i < 3; i += 1) expect((await post(secret, testEvent("evt-own"))).status).toBe(200);
    const after = await db().select().from(shopApiDeliveries);
    expect(after.length).toBe(before.length); // no new rows: both were logged once already
    const listed = await listShopApiDeliveries(db());
    const duplicate = listed.find((d) => d.eventId === "evt-order-1" && d.outcome === "duplicate")!;
    expect(duplicate.count).toBe(6);
    expect(listed.find((d) => d.eventId === "evt-own" && d.outcome === "test")!.count).toBe(4);
    expect(listed.find((d) => d.eventId === "evt-order-1" && d.outcome === "applied")!.count).toBe(1);
    // Newest first by the last time seen: the duplicate, logged again just now, tops the older refusals.
    expect(duplicate.at.getTime()).toBeGreaterThan(listed.find((d) => d.eventId === "evt-bad")!.at.getTime());
  });

  it("keeps only its latest rows however many distinct ids arrive", async () => {
    const now = Date.now();
    // Straight into the table (as many distinct refusals would), then one more delivery logs and trims.
    await fillDeliveryLog(SHOP_API_DELIVERIES_KEPT + 20, "evt-flood", "refused", now);
    await recordShopApiDelivery(db(), { eventId: "evt-latest", type: "order.paid", outcome: "refused", status: 422, detail: "latest" }, new Date(now));
    const rows = await db().select({ eventId: shopApiDeliveries.eventId }).from(shopApiDeliveries);
    expect(rows.length).toBe(SHOP_API_DELIVERIES_KEPT);
    const ids = new Set(rows.map((r) => r.eventId));
    expect(ids.has("evt-latest")).toBe(true);
    expect(ids.has(`evt-flood-${SHOP_API_DELIVERIES_KEPT + 19}`)).toBe(true);
    expect(ids.has("evt-flood-0")).toBe(false);
    await db().delete(shopApiDeliveries).where(like(shopApiDeliveries.eventId, "evt-flood-%"));
  });

  it("keeps a replayed event's row when it was the oldest: counted up, now the latest, and the next oldest goes", async () => {
    const now = Date.now();
    await db().delete(shopApiDeliveries);
    await fillDeliveryLog(SHOP_API_DELIVERIES_KEPT + 1, "evt-full", "duplicate", now);
    await recordShopApiDelivery(db(), { eventId: "evt-full-0", type: "order.paid", outcome: "duplicate", status: 200, detail: "again" }, new Date(now));
    const rows = await db().select().from(shopApiDeliveries);
    expect(rows.length).toBe(SHOP_API_DELIVERIES_KEPT);
    expect(rows.find((r) => r.eventId === "evt-full-0")).toMatchObject({ count: 2, detail: "again", receivedAt: new Date(now) });
    expect(rows.some((r) => r.eventId === "evt-full-1")).toBe(false);
    expect(rows.some((r) => r.eventId === "evt-full-2")).toBe(true);
    await db().delete(shopApiDeliveries).where(like(shopApiDeliveries.eventId, "evt-full-%"));
  });

  it("logs 40 replays of rows the trims are deleting, at once: no error, each replayed id kept as the latest", async () => {
    const now = Date.now();
    await db().delete(shopApiDeliveries);
    await fillDeliveryLog(SHOP_API_DELIVERIES_KEPT + 40, "evt-busy", "duplicate", now);
    // The 20 oldest rows replayed, twice each, all at once: each lies in the others' trims.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => recordShopApiDelivery(db(), { eventId: `evt-busy-${i % 20}`, type: "order.paid", outcome: "duplicate", status: 200, detail: "again" }, new Date(now + i))),
    );
    const rows = await db().select().from(shopApiDeliveries);
    // Which of an id's two replays commits last is not fixed: both carry the new detail.
    for (let i = 0; i < 20; i++) expect(rows.find((r) => r.eventId === `evt-busy-${i}`)).toMatchObject({ detail: "again" });
    // Rows another delivery held were skipped, not waited for: the next one trims them.
    await recordShopApiDelivery(db(), { eventId: "evt-busy-next", type: "order.paid", outcome: "refused", status: 422, detail: "x" }, new Date(now + 100));
    expect(await db().$count(shopApiDeliveries)).toBe(SHOP_API_DELIVERIES_KEPT);
    await db().delete(shopApiDeliveries).where(like(shopApiDeliveries.eventId, "evt-busy-%"));
  });

  // PostgreSQL only: PGlite's one session would queue the delivery behind the open transaction.
  it.skipIf(kind === "pglite")("skips a row another delivery is counting up instead of waiting for it, and keeps that row", async () => {
    const now = Date.now();
    await db().delete(shopApiDeliveries);
    await fillDeliveryLog(SHOP_API_DELIVERIES_KEPT, "evt-held", "duplicate", now);
    await db().transaction(async (tx) => {
      // Another delivery counts up the oldest row, which this delivery's trim would delete.
      await tx.update(shopApiDeliveries).set({ count: sql`${shopApiDeliveries.count} + 1`, receivedAt: new Date(now) }).where(eq(shopApiDeliveries.eventId, "evt-held-0"));
      const logged = recordShopApiDelivery(db(), { eventId: "evt-held-new", type: "order.paid", outcome: "refused", status: 422, detail: "x" }, new Date(now + 1));
      const waited = new Promise<"waiting">((resolve) => setTimeout(() => resolve("waiting"), 3_000));
      expect(await Promise.race([logged.then(() => "logged" as const), waited])).toBe("logged");
    });
    expect((await db().select().from(shopApiDeliveries).where(eq(shopApiDeliveries.eventId, "evt-held-0")))[0]).toMatchObject({ count: 2 });
    // The next delivery trims what this one skipped.
    await recordShopApiDelivery(db(), { eventId: "evt-held-next", type: "order.paid", outcome: "refused", status: 422, detail: "x" }, new Date(now + 2));
    expect(await db().$count(shopApiDeliveries)).toBe(SHOP_API_DELIVERIES_KEPT);
    expect(await db().$count(shopApiDeliveries, eq(shopApiDeliveries.eventId, "evt-held-0"))).toBe(1);
    await db().delete(shopApiDeliveries).where(like(shopApiDeliveries.eventId, "evt-held-%"));
  });

  it("refuses event ids reserved for the platform connectors with 422, so a connector's real event still applies", async () => {
    routesUse(db());
    const secret = (await shopSecrets())!.signing;
    const withEmail = (body: string) => JSON.stringify({ ...JSON.parse(body), data: { ...JSON.parse(body).data, customer: { id: "c-77", email: "kunde77@example.com" } } });
    for (const body of [withEmail(orderPaid("shopify:order:77:paid")), testEvent("woocommerce:order:5:paid"), withEmail(orderPaid("shopware:order:x:paid"))]) {
      const refused = await post(secret, body);
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({ type: "urn:treue:problem:reserved-event-id", detail: expect.stringMatching(/starts with (shopify|woocommerce|shopware):, which is reserved/) });
    }
    expect(await db().select().from(shopEvents).where(like(shopEvents.id, "shopify:order:77%"))).toEqual([]);
    // The refusal is listed like any other, so the shop sees why.
    expect((await listShopApiDeliveries(db())).find((d) => d.eventId === "shopify:order:77:paid")).toMatchObject({ outcome: "refused", detail: expect.stringMatching(/reserved/) });
  });

  it("keeps its log for 30 days and stores what a hostile body quotes", async () => {
    const now = new Date();
    await recordShopApiDelivery(db(), { eventId: "evt-ancient", type: "order.paid", outcome: "refused", status: 422, detail: "old" }, new Date(now.getTime() - 31 * 86_400_000));
    await recordShopApiDelivery(db(), { eventId: "evt-recent", type: "order.paid", outcome: "refused", status: 422, detail: "new" }, now);
    // A hostile body's bytes quoted in the log (NUL, a lone surrogate) are stored, never a 500.
    await recordShopApiDelivery(db(), { eventId: "evt-\u0000nul", type: "\ud800", outcome: "refused", status: 400, detail: "Unexpected token '\u0000'" }, now);
    expect((await listShopApiDeliveries(db(), 500)).find((d) => d.eventId === "evt-\ufffdnul")).toMatchObject({ type: "\ufffd", detail: "Unexpected token '\ufffd'" });
    const ids = (await listShopApiDeliveries(db(), 500)).map((d) => d.eventId);
    expect(ids).toContain("evt-recent");
    expect(ids).not.toContain("evt-ancient");
  });
});
