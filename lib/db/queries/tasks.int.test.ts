import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { findLedgerMismatches } from "../ledger-audit";
import { seedDemo } from "../seed-demo";
import { members, orders, programs, taskSubmissions } from "../schema";
import { describeEachDatabase } from "../test-databases";
import { eraseMember } from "../../server/privacy";
import { forgetProgramConfig } from "./program";
import { canSeePhoto, getGamificationFacts, listApprovedReviews, listReviewQueue, listTaskOffers } from "./tasks";
import { moderateSubmission, submitTask } from "../../server/tasks";

describeEachDatabase("tasks", (db) => {
  const now = new Date("2026-11-23T10:00:00Z");
  let n = 0;
  async function shopper(items: { sku: string; name: string }[] = []) {
    const [m] = await db().insert(members).values({ email: `tasker${++n}@example.com`, name: "Tara" }).returning({ id: members.id });
    if (items.length > 0) {
      await db()
        .insert(orders)
        .values({ memberId: m!.id, shopOrderId: `task-order-${n}`, currency: "EUR", subtotalCents: 10_000, items: items.map((i) => ({ ...i, quantity: 1, unit_price_cents: 5_000 })), paidAt: now });
    }
    return m!.id;
  }
  const balanceOf = async (id: string) => (await db().select({ b: members.pointsBalance }).from(members).where(eq(members.id, id)))[0]!.b;
  const review = { sku: "ZELT-2", rating: 5, text: "Hält dicht, auch bei Sturm auf 2.000 m. Aufbau in fünf Minuten." };

  it("takes a review only for a bought product, holds it for moderation and pays once on approval", async () => {
    await seedDemo(db(), now);
    const [staff] = await db().select({ id: members.id }).from(members).where(eq(members.role, "moderator"));
    const id = await shopper([{ sku: "ZELT-2", name: "Zelt Duo" }]);
    expect(await submitTask(db(), id, "review", "c-1", { ...review, sku: "NOT-BOUGHT" }, now)).toEqual({ status: "refused", reason: "not-bought" });
    expect(await submitTask(db(), id, "review", "c-2", { ...review, text: "Super!" }, now)).toEqual({ status: "invalid", field: "text", problem: "text-too-short" });
    expect(await submitTask(db(), id, "review", "c-3", { ...review, rating: 7 }, now)).toMatchObject({ status: "invalid", field: "rating" });

    const first = await submitTask(db(), id, "review", "c-4", review, now);
    expect(first).toMatchObject({ status: "in_review", duplicate: false, submission: { productSku: "ZELT-2", points: 50 } });
    expect(await submitTask(db(), id, "review", "c-4", review, now)).toMatchObject({ status: "in_review", duplicate: true });
    expect(await submitTask(db(), id, "review", "c-5", review, now)).toEqual({ status: "refused", reason: "not-bought" }); // reviewed already
    expect(await balanceOf(id)).toBe(0);

    const queued = await listReviewQueue(db());
    const submissionId = first.status === "in_review" ? first.submission.id : "";
    expect(queued.map((s) => s.id)).toContain(submissionId);
    const decisions = await Promise.all([1, 2, 3].map(() => moderateSubmission(db(), { id: staff!.id, email: "team@demo.treue.shop" }, submissionId, { approve: true }, now)));
    expect(decisions.sort()).toEqual(["already-decided", "already-decided", "approved"]);
    expect(await balanceOf(id)).toBe(50);
    expect((await listApprovedReviews(db(), new Date(0))).map((r) => r.sku)).toContain("ZELT-2");
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("keeps the reason of a rejected review and lets the member try that product again", async () => {
    const [staff] = await db().select({ id: members.id }).from(members).where(eq(members.role, "moderator"));
    const id = await shopper([{ sku: "ZELT-2", name: "Zelt Duo" }]);
    const first = await submitTask(db(), id, "review", "r-1", review, now);
    if (first.status !== "in_review") throw new Error("not submitted");
    expect(await moderateSubmission(db(), { id: staff!.id, email: "team@demo.treue.shop" }, first.submission.id, { approve: false, reason: "Bitte ohne Links." }, now)).toBe("rejected");
    expect(await balanceOf(id)).toBe(0);
    // The same submission sent again (the offline outbox retrying) is told it was not approved.
    expect(await submitTask(db(), id, "review", "r-1", review, now)).toEqual({ status: "refused", reason: "already-rejected" });
    const offers = await listTaskOffers(db(), id, now);
    expect(offers.find((o) => o.task.id === "review")?.products).toEqual([{ sku: "ZELT-2", name: "Zelt Duo" }]);
  });

  it("pays a survey on submission, once a quarter, and refuses answers out of range", async () => {
    const id = await shopper();
    expect(await submitTask(db(), id, "nps", "s-1", { nps: 11 }, now)).toMatchObject({ status: "invalid", field: "nps" });
    expect(await submitTask(db(), id, "nps", "s-2", { nps: 9, why: "Schnelle Lieferung" }, now)).toMatchObject({ status: "completed", submission: { payload: { answers: { nps: 9 } } } });
    expect(await submitTask(db(), id, "nps", "s-3", { nps: 10 }, now)).toEqual({ status: "refused", reason: "done-quarter" });
    // 31 December 23:30 in Berlin is still this quarter; 1 January 00:30 is the next one.
    expect(await submitTask(db(), id, "nps", "s-4", { nps: 10 }, new Date("2026-12-31T22:30:00Z"))).toEqual({ status: "refused", reason: "done-quarter" });
    expect(await submitTask(db(), id, "nps", "s-5", { nps: 10 }, new Date("2026-12-31T23:30:00Z"))).toMatchObject({ status: "completed" });
    const offers = await listTaskOffers(db(), id, new Date("2027-01-02T10:00:00Z"));
    expect(offers.find((o) => o.task.id === "nps")?.availability).toEqual({ ok: false, reason: "done-quarter" });
    expect(await balanceOf(id)).toBe(60);
  });

  it("pays a one-time task once under 20 concurrent taps with different ids", async () => {
    const id = await shopper();
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => submitTask(db(), id, "newsletter", `tap-${i}`, {}, now)));
    expect(outcomes.filter((o) => o.status === "completed")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "refused")).toHaveLength(19);
    expect(await balanceOf(id)).toBe(20);
  });

  it("refuses profile completion until the profile is complete", async () => {
    const id = await shopper();
    expect(await submitTask(db(), id, "profile", "p-1", {}, now)).toEqual({ status: "refused", reason: "profile-incomplete" });
    await db().update(members).set({ birthday: "1990-01-01" }).where(eq(members.id, id));
    expect(await submitTask(db(), id, "profile", "p-2", {}, now)).toMatchObject({ status: "completed" });
  });

  // What the upload route hands over once it has processed and stored a file under a key of its own.
  let photos = 0;
  const stored = (hash: string) => ({ key: `${String(++photos).padStart(8, "0")}-3c1d-4e55-9a41-5b7c2d8e9f00.webp`, width: 1_200, height: 900, hash });

  it("holds a photo for moderation and refuses the same picture again, from anyone", async () => {
    const a = await shopper();
    const b = await shopper();
    expect(await submitTask(db(), a, "photo", "ph-2", {}, now, stored("f0f0f0f0f0f0f0f0"))).toMatchObject({ status: "in_review", submission: { points: 75 } });
    // One bit off: the same picture re-saved.
    expect(await submitTask(db(), b, "photo", "ph-3", {}, now, stored("f0f0f0f0f0f0f0f1"))).toEqual({ status: "refused", reason: "duplicate-photo" });
    expect(await submitTask(db(), b, "photo", "ph-4", { caption: "Am See" }, now, stored("0f0f0f0f0f0f0f0f"))).toMatchObject({ status: "in_review", submission: { payload: { caption: "Am See" } } });
    // The edge, counted by the database: six bits off is the same picture, seven is another.
    expect(await submitTask(db(), b, "photo", "ph-5", {}, now, stored("f0f0f0f0f0f0f0cf"))).toMatchObject({ status: "refused" });
    expect(await submitTask(db(), b, "photo", "ph-6", {}, now, stored("f0f0f0f0f0f0f08f"))).toMatchObject({ status: "in_review" });
  });

  it("takes a photo only as an upload the server stored: a key and hash in the answer are refused and write nothing", async () => {
    const a = await shopper();
    const b = await shopper();
    const mine = stored("00ff00ff00ff00ff");
    expect(await submitTask(db(), a, "photo", "own-1", {}, now, mine)).toMatchObject({ status: "in_review" });
    // Another member names that photo's key (as the JSON route would pass it on): no submission, so no sight of it.
    expect(await submitTask(db(), b, "photo", "forged-1", { key: mine.key, width: 10, height: 10, hash: "123456789abcdef0" }, now)).toEqual({ status: "refused", reason: "photo-needs-upload" });
    expect(await db().$count(taskSubmissions, eq(taskSubmissions.memberId, b))).toBe(0);
    expect(await canSeePhoto(db(), { id: b, role: "member" }, mine.key)).toBe(false);
    expect(await canSeePhoto(db(), { id: a, role: "member" }, mine.key)).toBe(true);
    // A stored photo fits photo tasks only.
    expect(await submitTask(db(), b, "newsletter", "nl-photo", {}, now, stored("0123456789abcdef"))).toMatchObject({ status: "invalid", field: "file" });
  });

  it("lets only the first member to submit a photo see it, and erases it only with that member's data", async () => {
    // Rows a made-up key could leave behind: b names a's photo after a uploaded it.
    const a = await shopper();
    const b = await shopper();
    const key = "9e6f1b9a-3c1d-4e55-9a41-5b7c2d8e9f00.webp";
    const own = "8e6f1b9a-3c1d-4e55-9a41-5b7c2d8e9f00.webp";
    const row = { taskId: "photo", kind: "photo_upload", status: "in_review" as const, points: 75 };
    await db().insert(taskSubmissions).values({ ...row, memberId: a, clientId: "gen-1", payload: { key, width: 10, height: 10, hash: "1111111111111111" }, createdAt: new Date(now.getTime() - 60_000) });
    await db().insert(taskSubmissions).values({ ...row, memberId: b, clientId: "forged-2", payload: { key, width: 10, height: 10, hash: "2222222222222222" }, createdAt: now });
    await db().insert(taskSubmissions).values({ ...row, memberId: b, clientId: "gen-2", payload: { key: own, width: 10, height: 10, hash: "3333333333333333" }, createdAt: now });
    expect(await canSeePhoto(db(), { id: b, role: "member" }, key)).toBe(false);
    expect(await canSeePhoto(db(), { id: a, role: "member" }, key)).toBe(true);
    expect(await canSeePhoto(db(), { id: b, role: "member" }, own)).toBe(true);
    const actor = { id: null, email: "support@example.com" };
    const emailOf = async (id: string) => (await db().select({ e: members.email }).from(members).where(eq(members.id, id)))[0]!.e;
    expect((await eraseMember(db(), actor, b, await emailOf(b), now)).photoKeys).toEqual([own]);
    expect((await eraseMember(db(), actor, a, await emailOf(a), now)).photoKeys).toEqual([key]);
  });

  it("pays the birthday bonus in the birthday month, once a year", async () => {
    const id = await shopper();
    expect(await submitTask(db(), id, "birthday", "b-1", {}, now)).toEqual({ status: "refused", reason: "no-birthday" });
    await db().update(members).set({ birthday: "1991-05-14" }).where(eq(members.id, id));
    expect(await submitTask(db(), id, "birthday", "b-2", {}, now)).toEqual({ status: "refused", reason: "not-birthday-month" });
    await db().update(members).set({ birthday: "1991-11-02" }).where(eq(members.id, id));
    expect(await submitTask(db(), id, "birthday", "b-3", {}, now)).toMatchObject({ status: "completed", submission: { points: 100 } });
    expect(await submitTask(db(), id, "birthday", "b-4", {}, new Date("2026-11-28T10:00:00Z"))).toEqual({ status: "refused", reason: "done" });
    expect(await submitTask(db(), id, "birthday", "b-5", {}, new Date("2027-11-02T10:00:00Z"))).toMatchObject({ status: "completed" });
    expect(await balanceOf(id)).toBe(200);
  });

  it("takes each social follow once, only for the shop's own profiles", async () => {
    const id = await shopper();
    expect(await submitTask(db(), id, "social", "f-1", { network: "TikTok" }, now)).toMatchObject({ status: "invalid", field: "network" });
    expect(await submitTask(db(), id, "social", "f-2", { network: "Instagram" }, now)).toMatchObject({ status: "completed" });
    expect(await submitTask(db(), id, "social", "f-3", { network: "Instagram" }, now)).toEqual({ status: "refused", reason: "done" });
    expect(await submitTask(db(), id, "social", "f-4", { network: "YouTube" }, now)).toMatchObject({ status: "completed" });
    expect(await balanceOf(id)).toBe(15 + 15 + 25); // the demo's "follow us everywhere" challenge adds 25
    const offer = (await listTaskOffers(db(), id, now)).find((o) => o.task.id === "social");
    expect(offer?.availability).toEqual({ ok: false, reason: "done" });
  });

  it("pays a challenge's bonus once when its target is reached in the period", async () => {
    const [program] = await db().select().from(programs);
    await db()
      .update(programs)
      .set({ challenges: [{ id: "follow-all", title: { de: "Folge uns überall", en: "Follow us everywhere" }, taskKind: "social_follow", target: 2, period: "month", bonusPoints: 40 }] });
    forgetProgramConfig(db());
    try {
      const id = await shopper();
      await submitTask(db(), id, "social", "ch-1", { network: "Instagram" }, now);
      expect(await balanceOf(id)).toBe(15);
      await submitTask(db(), id, "social", "ch-2", { network: "YouTube" }, now);
      expect(await balanceOf(id)).toBe(15 + 15 + 40);
      const facts = await getGamificationFacts(db(), id, now);
      expect(facts.completions.map((c) => c.kind)).toEqual(["social_follow", "social_follow"]);
      expect(facts.activity).toHaveLength(2);
    } finally {
      await db().update(programs).set({ challenges: program!.challenges });
      forgetProgramConfig(db());
    }
  });
});
