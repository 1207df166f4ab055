import { and, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { ConsoleError } from "../../errors";
import { findLedgerMismatches } from "../ledger-audit";
import { DEMO_OWNER, DEMO_SHOPPER, DEMO_STAFF, seedDemo } from "../seed-demo";
import { auditLog, conversations, coupons, ledgerEntries, members, orders } from "../schema";
import { describeEachDatabase } from "../test-databases";
import { searchMembers } from "./console-members";
import { adjustPoints, cancelCoupon, reissueCoupon } from "../../server/members";
import { defaultProgram, programDocumentSchema } from "../../loyalty/program-document";
import { programs, rewards, tasks, tiers } from "../schema";
import { exportProgram, getProgramLaunch, getScheduledChange, getProgramSettings, listTiers } from "./console-program";
import { addRewardCodes, applyDueChanges, importProgram, launchProgram, saveProgramSettings, saveReward, saveTask, saveTiers, scheduleChange } from "../../server/program";
import { getMemberStanding } from "./tiers";
import { reevaluateTiers } from "../../server/tiers";
import { cliSurveyTemplate } from "../../loyalty/survey-templates";
import { taskDocumentSchema } from "../../loyalty/program-document";
import { getLedgerPage } from "./members";
import { redeemReward } from "../../server/rewards";
import { inviteStaff, setStaffRole } from "../../server/staff";
import { eraseMember, exportMemberData } from "../../server/privacy";
import { listThread } from "./conversations";
import { resolveWithPoints, submitClaim } from "../../server/conversations";

describeEachDatabase("console", (db) => {
  const now = new Date("2026-11-22T10:00:00Z");
  let n = 0;
  const byEmail = async (email: string) => (await db().select().from(members).where(eq(members.email, email)))[0]!;
  const actor = async (email = DEMO_OWNER.email) => {
    const m = await byEmail(email);
    return { id: m.id, email: m.email, role: m.role };
  };
  const newMember = async (points: number) => {
    const [m] = await db().insert(members).values({ email: `console${++n}@example.com`, name: `Kundin ${n}` }).returning({ id: members.id });
    if (points > 0) await db().insert(ledgerEntries).values({ memberId: m!.id, delta: points, kind: "adjust", sourceRef: "test", idempotencyKey: `grant:${m!.id}`, createdAt: new Date(now.getTime() - 86_400_000) });
    return m!.id;
  };
  const expectRefusal = async (work: Promise<unknown>, key: string) => {
    const error = await work.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConsoleError);
    expect((error as ConsoleError).key).toBe(key);
  };

  it("adds points with a reason the member reads, once per request, and audits it", async () => {
    await seedDemo(db(), now);
    const memberId = await newMember(100);
    const support = await actor();
    const requestId = crypto.randomUUID();
    const input = { memberId, points: 50, reason: "Kulanz für die verspätete Lieferung", requestId };
    expect(await adjustPoints(db(), support, input, now)).toEqual({ balance: 150, duplicate: false });
    expect(await adjustPoints(db(), support, input, now)).toEqual({ balance: 150, duplicate: true });
    const [line] = await getLedgerPage(db(), memberId, { limit: 1 });
    expect(line).toMatchObject({ kind: "adjust", delta: 50, note: "Kulanz für die verspätete Lieferung" });
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.action, "member.adjust"), eq(auditLog.target, `member:${memberId}`)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorEmail: DEMO_OWNER.email, before: { balance: 100 }, after: { balance: 150, points: 50 } });
  });

  it("refuses an adjustment that would overdraw, and writes nothing", async () => {
    const memberId = await newMember(100);
    const before = await db().$count(auditLog);
    await expectRefusal(adjustPoints(db(), await actor(), { memberId, points: -10_000, reason: "Fehlbuchung", requestId: crypto.randomUUID() }, now), "adjustOverdraw");
    expect((await db().select({ b: members.pointsBalance }).from(members).where(eq(members.id, memberId)))[0]!.b).toBe(100);
    expect(await db().$count(ledgerEntries, eq(ledgerEntries.memberId, memberId))).toBe(1);
    expect(await db().$count(auditLog)).toBe(before);
  });

  it("gives a reward created with stock 1 to exactly one of two racing shoppers", async () => {
    const owner = await actor();
    await saveReward(db(), owner, {
      id: "einzelstueck",
      kind: "free_product",
      name: { de: "Signierte Trinkflasche", en: "Signed bottle" },
      description: { de: "Nur einmal da.", en: "Only one." },
      pointsCost: 100,
      valueCents: null,
      percentOff: null,
      sku: "FLASCHE-SIGNIERT",
      category: null,
      minOrderCents: null,
      couponValidDays: 30,
      stock: 1,
      perMemberLimit: null,
      minTierId: null,
      position: 9,
      active: true,
      availableFrom: null,
      availableUntil: null,
      stepValueCents: null,
      minValueCents: null,
      maxValueCents: null,
    }, now);
    const [a, b] = await Promise.all([newMember(500), newMember(500)]);
    const outcomes = await Promise.all([redeemReward(db(), a, "einzelstueck", "race-a", now), redeemReward(db(), b, "einzelstueck", "race-b", now)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["issued", "refused"]);
    expect(await db().$count(coupons, eq(coupons.rewardId, "einzelstueck"))).toBe(1);
    expect(await db().$count(auditLog, and(eq(auditLog.action, "reward.create"), eq(auditLog.target, "reward:einzelstueck")))).toBe(1);
    expect(await findLedgerMismatches(db())).toEqual([]);
  });

  it("cancels an unused coupon and returns its points; a used one stays", async () => {
    const memberId = await newMember(300);
    const issued = await redeemReward(db(), memberId, "eur5", "cancel-me", now);
    if (issued.status !== "issued") throw new Error("not issued");
    await cancelCoupon(db(), await actor(), issued.coupon.id, "Doppelt eingelöst", now);
    expect((await db().select({ b: members.pointsBalance }).from(members).where(eq(members.id, memberId)))[0]!.b).toBe(300);
    await expectRefusal(cancelCoupon(db(), await actor(), issued.coupon.id, "nochmal", now), "couponCancelled");
  });

  it("reissues an expired, unused coupon once, with a new code and no points charged", async () => {
    const memberId = await newMember(250);
    const issued = await redeemReward(db(), memberId, "eur5", "reissue-me", now);
    if (issued.status !== "issued") throw new Error("not issued");
    const later = new Date(now.getTime() + 40 * 86_400_000); // past its 30 days
    const first = await reissueCoupon(db(), await actor(), issued.coupon.id, "Abgelaufen während Krankheit", later);
    expect(first.code).not.toBe(issued.coupon.code);
    expect(await reissueCoupon(db(), await actor(), issued.coupon.id, "nochmal", later)).toEqual({ code: first.code, duplicate: true });
    const [fresh] = await db().select().from(coupons).where(eq(coupons.code, first.code));
    expect(fresh).toMatchObject({ memberId, pointsCost: 250, terms: issued.coupon.terms, expiresAt: new Date(later.getTime() + 30 * 86_400_000) });
    expect((await db().select({ b: members.pointsBalance }).from(members).where(eq(members.id, memberId)))[0]!.b).toBe(0);
  });

  it("adds a shop's CSV codes once and refuses a list with a code already taken", async () => {
    const owner = await actor();
    expect(await addRewardCodes(db(), owner, { rewardId: "shipping", csv: "code\nSHIP-0001\nship-0002\n" }, now)).toEqual({ added: 2, free: 2 });
    await expectRefusal(addRewardCodes(db(), owner, { rewardId: "shipping", csv: "SHIP-0003\nSHIP-0001" }, now), "duplicateCodes");
    await expectRefusal(addRewardCodes(db(), owner, { rewardId: "shipping", csv: "gut-1\nnicht gut!" }, now), "invalidCodes");
    expect((await addRewardCodes(db(), owner, { rewardId: "shipping", generate: 3 }, now)).free).toBe(5);
    // Points for money off: the shopper picks the amount, which a code of a fixed value cannot carry.
    await expectRefusal(addRewardCodes(db(), owner, { rewardId: "punkte-rabatt", csv: "FIX-0001" }, now), "codesNotForPointsOff");
  });

  it("lets owners invite and change staff, never demote themselves, and refuses everyone else", async () => {
    const owner = await actor();
    const { id } = await inviteStaff(db(), owner, "neu@gipfelglueck.example", "support", [], now);
    expect((await byEmail("neu@gipfelglueck.example")).role).toBe("support");
    await setStaffRole(db(), owner, id, "admin", [], now);
    expect((await byEmail("neu@gipfelglueck.example")).role).toBe("admin");
    await expectRefusal(setStaffRole(db(), owner, owner.id, "member", [], now), "role.self");
    const admin = { id, email: "neu@gipfelglueck.example", role: "admin" as const };
    await expectRefusal(inviteStaff(db(), admin, "x@example.com", "owner", [], now), "role.not-owner");
    const moderator = await actor(DEMO_STAFF.email);
    await expectRefusal(setStaffRole(db(), owner, moderator.id, "member", [DEMO_STAFF.email], now), "role.env-owner");
    await setStaffRole(db(), owner, id, "member", [], now);
    const trail = await db().select({ action: auditLog.action, after: auditLog.after }).from(auditLog).where(eq(auditLog.target, `member:${id}`)).orderBy(auditLog.id);
    expect(trail).toEqual([
      { action: "staff.invite", after: { email: "neu@gipfelglueck.example", role: "support" } },
      { action: "staff.role", after: { role: "admin" } },
      { action: "staff.revoke", after: { role: "member" } },
    ]);
  });

  it("keeps the audit log append-only", async () => {
    const failure = (work: Promise<unknown>) => work.then(() => "", (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ""}`);
    expect(await failure(db().execute(sql`update audit_log set actor_email = 'x'`))).toMatch(/append-only/);
    expect(await failure(db().execute(sql`delete from audit_log`))).toMatch(/append-only/);
    expect(await db().$count(auditLog)).toBeGreaterThan(0);
  });

  it("finds members by e-mail or name prefix, shop customer id and coupon code", async () => {
    const shopper = await byEmail(DEMO_SHOPPER.email);
    expect((await searchMembers(db(), "ANNA@demo")).hits.map((h) => h.id)).toEqual([shopper.id]);
    expect((await searchMembers(db(), "anna b")).hits.map((h) => h.id)).toContain(shopper.id);
    expect((await searchMembers(db(), DEMO_SHOPPER.shopCustomerId)).hits.map((h) => h.id)).toEqual([shopper.id]);
    const [coupon] = await db().select({ code: coupons.code }).from(coupons).where(eq(coupons.memberId, shopper.id)).limit(1);
    expect((await searchMembers(db(), coupon!.code.toLowerCase())).hits.map((h) => h.id)).toEqual([shopper.id]);
    expect((await searchMembers(db(), "50%_")).hits).toEqual([]);
    const page = await searchMembers(db(), "console", { limit: 2 });
    expect(page.hits).toHaveLength(2);
    expect(page.hasMore).toBe(true);
  });

  it("turns a missing-points claim into points with the reason as their note, once", async () => {
    const memberId = await newMember(0);
    const report = { orderNumber: "1077", orderDate: "2026-11-18", message: "Keine Punkte bekommen" };
    const first = await submitClaim(db(), memberId, report, now);
    expect(first.duplicate).toBe(false);
    expect(await submitClaim(db(), memberId, report, now)).toEqual({ conversationId: first.conversationId, duplicate: true });
    const support = await actor();
    const input = { conversationId: first.conversationId, points: 59, reason: "Bestellung 1077 nachgetragen.", requestId: "8f0c7c5e-51d6-4c55-9a52-2b9c6a1d0001" };
    await resolveWithPoints(db(), support, input, now);
    expect(await resolveWithPoints(db(), support, input, now)).toMatchObject({ duplicate: true });
    const [line] = await getLedgerPage(db(), memberId, { limit: 1 });
    expect(line).toMatchObject({ kind: "adjust", delta: 59, note: "Bestellung 1077 nachgetragen." });
    const [claim] = await db().select().from(conversations).where(eq(conversations.id, first.conversationId));
    expect(claim).toMatchObject({ status: "closed", pointsGranted: 59, orderNumber: "1077", orderDate: "2026-11-18" });
    expect(await db().$count(auditLog, and(eq(auditLog.action, "conversation.resolve"), eq(auditLog.target, `member:${memberId}`)))).toBe(1);
  });

  it("exports a member's data, then erases the personal part and keeps the ledger sums", async () => {
    const owner = await actor();
    const [m] = await db().insert(members).values({ email: "loeschen@example.com", name: "Lisa Löschen", shopCustomerId: "c-erase", birthday: "1988-02-03" }).returning({ id: members.id });
    const memberId = m!.id;
    await db().insert(ledgerEntries).values({ memberId, delta: 120, kind: "adjust", sourceRef: "test", idempotencyKey: `grant:${memberId}` });
    const claim = await submitClaim(db(), memberId, { orderNumber: "E-1", orderDate: "2026-11-01", message: "Meine Adresse ist Musterweg 1" }, now);

    const data = await exportMemberData(db(), owner, memberId, now);
    expect(data).toMatchObject({ member: { email: "loeschen@example.com", name: "Lisa Löschen", pointsBalance: 120 }, conversations: [{ author: "system" }, { author: "shopper", body: "Meine Adresse ist Musterweg 1" }] });
    expect(data!.ledger).toHaveLength(1);

    await expectRefusal(eraseMember(db(), owner, memberId, "falsch@example.com", now), "eraseConfirm");
    await eraseMember(db(), owner, memberId, "Loeschen@Example.com", now);
    const [erased] = await db().select().from(members).where(eq(members.id, memberId));
    expect(erased).toMatchObject({ email: `erased-${memberId}@erased.invalid`, name: null, shopCustomerId: null, birthday: null, pointsBalance: 120 });
    expect(erased!.erasedAt).toEqual(now);
    expect((await listThread(db(), claim.conversationId, { internal: false })).filter((m) => m.author === "shopper").map((m) => m.body)).toEqual(["–"]);
    expect(await findLedgerMismatches(db())).toEqual([]);
    await expectRefusal(eraseMember(db(), owner, memberId, erased!.email, now), "alreadyErased");
    const actions = (await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.target, `member:${memberId}`))).map((r) => r.action);
    expect(actions).toEqual(["member.export", "member.erase"]);
  });

  it("creates a CLI survey task from the template; its kind cannot change later", async () => {
    const owner = await actor();
    const task = taskDocumentSchema.parse({ id: "cli-herbst", kind: "survey", title: { de: "Drei Fragen", en: "Three questions" }, points: 40, config: { questions: cliSurveyTemplate } });
    expect(await saveTask(db(), owner, task, now)).toEqual({ created: true });
    expect(await saveTask(db(), owner, { ...task, points: 45 }, now)).toEqual({ created: false });
    await expectRefusal(saveTask(db(), owner, { ...task, kind: "newsletter" }, now), "taskKindFixed");
    const [row] = await db().select().from(tasks).where(eq(tasks.id, "cli-herbst"));
    expect(row).toMatchObject({ points: 45, config: { questions: [{ id: "cli_recommend" }, { id: "cli_buy_again" }, { id: "cli_try_other" }] } });
    expect((await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.target, "task:cli-herbst"))).map((r) => r.action)).toEqual(["task.create", "task.update"]);
  });

  it("re-evaluates members when the tiers change and keeps a demoted member's tier through the grace period", async () => {
    const owner = await actor();
    // As the shop's order event left it: 300 € spent, Silber recorded.
    const [m] = await db().insert(members).values({ email: "silber@example.com", shopCustomerId: "c-silber", tierId: "silber" }).returning({ id: members.id });
    await db().insert(orders).values({ memberId: m!.id, shopOrderId: "silber-1", currency: "EUR", subtotalCents: 30_000, paidAt: new Date(now.getTime() - 10 * 86_400_000) });
    expect((await getMemberStanding(db(), m!.id, now)).standing.tier?.id).toBe("silber");
    const ladder = await listTiers(db());
    const raised = ladder.map((t) => ({ ...t, perks: t.perks ?? undefined, benefits: { freeShipping: false, exclusiveRewards: false, earlyAccess: false, ...t.benefits }, thresholdCents: t.id === "silber" ? 40_000 : t.thresholdCents }));
    await saveTiers(db(), owner, { rule: { window: "rolling", graceDays: 30 }, tiers: raised }, now);
    expect((await reevaluateTiers(db(), now)).floors).toBeGreaterThanOrEqual(1);
    const kept = (await getMemberStanding(db(), m!.id, now)).standing;
    expect(kept).toMatchObject({ tier: { id: "silber" }, keptUntil: new Date(now.getTime() + 30 * 86_400_000), toKeepCents: 10_000 });
    expect((await getMemberStanding(db(), m!.id, new Date(now.getTime() + 31 * 86_400_000))).standing.tier?.id).toBe("bronze");
    await saveTiers(db(), owner, { rule: { window: "rolling", graceDays: 30 }, tiers: raised.map((t) => (t.id === "silber" ? { ...t, thresholdCents: 25_000 } : t)) }, now);
  });

  it("applies tier and settings changes scheduled for later exactly once when they are due", async () => {
    const owner = await actor();
    const ladder = (await listTiers(db())).map((t) => ({ ...t, perks: t.perks ?? undefined, benefits: { freeShipping: false, exclusiveRewards: false, earlyAccess: false, ...t.benefits } }));
    const renamed = ladder.map((t) => (t.id === "gold" ? { ...t, name: { de: "Gipfel", en: "Summit" } } : t));
    const at = new Date(now.getTime() + 86_400_000);
    await scheduleChange(db(), owner, "tiers", { rule: { window: "rolling", graceDays: 30 }, tiers: renamed }, at, now);
    const settings = (await getProgramSettings(db()))!;
    await scheduleChange(db(), owner, "settings", { ...settings, name: "Gipfelglück Winter" }, at, now);
    expect((await getScheduledChange(db(), "tiers"))?.effectiveFrom).toBe(at.toISOString());
    expect(await applyDueChanges(db(), now)).toEqual({ applied: [], failed: [] });
    expect((await listTiers(db())).find((t) => t.id === "gold")?.name.de).toBe("Gold");
    const [a, b] = await Promise.all([applyDueChanges(db(), at), applyDueChanges(db(), at)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(["settings", "tiers"]);
    expect((await listTiers(db())).find((t) => t.id === "gold")?.name.de).toBe("Gipfel");
    expect((await getProgramSettings(db()))?.name).toBe("Gipfelglück Winter");
    expect(await getScheduledChange(db(), "tiers")).toBeNull();
    await saveProgramSettings(db(), owner, settings, now);
    await saveTiers(db(), owner, { rule: { window: "rolling", graceDays: 30 }, tiers: ladder }, now);
  });

  it("round-trips the program as one document; an import switches off what it leaves out", async () => {
    const owner = await actor();
    const exported = await exportProgram(db());
    expect(programDocumentSchema.safeParse(exported).success).toBe(true);
    const doc = programDocumentSchema.parse({ ...exported, rewards: exported!.rewards.filter((r) => r.id !== "eur5"), name: "Gipfelglück Treue" });
    await importProgram(db(), owner, doc, now);
    const again = await exportProgram(db());
    expect(again!.name).toBe("Gipfelglück Treue");
    expect(again!.rewards.find((r) => r.id === "eur5")?.active).toBe(false);
    expect(again!.tiers).toEqual(exported!.tiers);
    expect(await db().$count(auditLog, eq(auditLog.action, "program.import"))).toBe(1);
  });
});

describeEachDatabase("console first run", (db) => {
  it("creates the default program on a fresh install, not live until the owner opens it", async () => {
    const [owner] = await db().insert(members).values({ email: "chefin@example.com", role: "owner" }).returning({ id: members.id, email: members.email });
    expect(await getProgramLaunch(db())).toEqual({ exists: false, launchedAt: null });
    const now = new Date("2026-12-01T09:00:00Z");
    expect(await importProgram(db(), owner!, programDocumentSchema.parse(defaultProgram("Radhaus")), now)).toEqual({ created: true });
    expect(await getProgramLaunch(db())).toEqual({ exists: true, launchedAt: null });
    expect(await db().$count(tiers)).toBe(3);
    expect(await db().$count(rewards, eq(rewards.active, true))).toBe(5);
    expect(await db().$count(tasks, eq(tasks.active, true))).toBe(7);
    await launchProgram(db(), owner!, now);
    expect((await db().select({ at: programs.launchedAt }).from(programs))[0]!.at).toEqual(now);
    await expectLaunchRefused(launchProgram(db(), owner!, now));
  });

  async function expectLaunchRefused(work: Promise<unknown>) {
    const error = await work.then(() => null, (e: unknown) => e);
    expect((error as ConsoleError).key).toBe("alreadyLive");
  }
});
