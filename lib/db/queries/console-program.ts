import "server-only";
import { and, asc, eq, isNull, max, sql } from "drizzle-orm";
import { ConsoleError } from "../../errors";
import { generateCouponCode, parseCodeList } from "../../loyalty/coupon-code";
import { parseBranding, type Branding } from "../../loyalty/branding";
import type { EarnRule } from "../../loyalty/earn-rule";
import { parseReferralRule, type ReferralRule } from "../../loyalty/referrals";
import type { TierRuleSettings } from "../../loyalty/tier-standing";
import { parseChallenges, type Challenge } from "../../loyalty/gamification";
import { parseJourneys, type JourneyKey, type JourneySettings } from "../../loyalty/journeys";
import { parseEarnRule } from "../../loyalty/earn-rule";
import { parseTaskConfig } from "../../loyalty/tasks";
import { tierRuleSchema } from "../../loyalty/tier-standing";
import type { ProgramDocument } from "../../loyalty/program-document";
import type { RewardDefinition } from "../../validations/console";
import type { Database, Tx } from "../connect";
import { PROGRAM_ID } from "../program-id";
import { appSettings, couponCodes, earnRuleVersions, programs, rewards, tasks, tiers } from "../schema";
import { writeAudit, type AuditActor } from "./audit";
import { earnRuleAt, forgetProgramConfig, getProgramConfig } from "./program";

async function requireProgram(tx: Tx) {
  const [program] = await tx.select().from(programs).where(eq(programs.id, PROGRAM_ID)).for("update");
  if (!program) throw new ConsoleError("not-found", "noProgram");
  return program;
}

/**
 * Saves a new version of the earn rule, in force from `effectiveFrom` (default now). Earlier
 * versions stay: orders keep the version they earned under, so a later refund takes back what
 * that order earned, whatever the rule says by then.
 */
export async function saveEarnRule(db: Database, actor: AuditActor, rule: EarnRule, effectiveFrom: Date, now = new Date()): Promise<{ version: number }> {
  const config = await getProgramConfig(db);
  const result = await db.transaction(async (tx) => {
    await requireProgram(tx); // the lock serialises two saves, so versions never collide
    const [{ latest } = { latest: null }] = await tx.select({ latest: max(earnRuleVersions.version) }).from(earnRuleVersions);
    const version = (latest ?? 0) + 1;
    await tx.insert(earnRuleVersions).values({ version, programId: PROGRAM_ID, rule, effectiveFrom, createdBy: actor.id, createdAt: now });
    await tx.update(programs).set({ earnRule: rule }).where(eq(programs.id, PROGRAM_ID));
    const before = earnRuleAt(config, effectiveFrom);
    await writeAudit(tx, actor, "program.earn-rule", "program:earn-rule", { version: before.version, rule: before.rule }, { version, rule, effectiveFrom: effectiveFrom.toISOString() }, now);
    return { version };
  });
  forgetProgramConfig(db);
  return result;
}

export async function listEarnRuleVersions(db: Database) {
  return db.select().from(earnRuleVersions).where(eq(earnRuleVersions.programId, PROGRAM_ID)).orderBy(asc(earnRuleVersions.version));
}

export type TierInput = {
  id: string;
  name: { de: string; en: string };
  thresholdCents: number;
  multiplierPercent: number;
  perks?: { de: string; en: string } | undefined;
  benefits: { freeShipping: boolean; exclusiveRewards: boolean; earlyAccess: boolean };
};

/** Replaces the tier ladder and its qualification rule; a tier a reward is gated on cannot go. */
export async function saveTiers(db: Database, actor: AuditActor, input: { rule: TierRuleSettings; tiers: TierInput[] }, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const program = await requireProgram(tx);
    const { before, after } = await replaceTiers(tx, input.tiers);
    await tx.update(programs).set({ tierRule: input.rule }).where(eq(programs.id, PROGRAM_ID));
    await writeAudit(tx, actor, "program.tiers", "program:tiers", { rule: program.tierRule, tiers: before }, { rule: input.rule, tiers: after }, now);
  });
  forgetProgramConfig(db);
}

async function replaceTiers(tx: Tx, input: TierInput[]) {
  const current = await tx.select().from(tiers).where(eq(tiers.programId, PROGRAM_ID)).orderBy(asc(tiers.thresholdCents));
  const keep = new Set(input.map((t) => t.id));
  for (const gone of current.filter((t) => !keep.has(t.id))) {
    const gated = await tx.select({ id: rewards.id }).from(rewards).where(and(eq(rewards.minTierId, gone.id), eq(rewards.active, true))).limit(1);
    if (gated.length > 0) throw new ConsoleError("conflict", "tierInUse", { tier: gone.name.de, reward: gated[0]!.id });
    // Inactive rewards may still name the tier; they lose the gate rather than block the change.
    await tx.update(rewards).set({ minTierId: null }).where(eq(rewards.minTierId, gone.id));
    await tx.delete(tiers).where(eq(tiers.id, gone.id));
  }
  const sorted = [...input].sort((a, b) => a.thresholdCents - b.thresholdCents);
  for (const [i, tier] of sorted.entries()) {
    const row = { ...tier, perks: tier.perks ?? null, position: i + 1 };
    await tx.insert(tiers).values({ ...row, programId: PROGRAM_ID }).onConflictDoUpdate({ target: tiers.id, set: row });
  }
  return { before: current, after: sorted };
}

export type RewardRow = typeof rewards.$inferSelect;

/** A reward as the console defines it, as a row (dates become timestamps). */
function rewardRow({ availableFrom, availableUntil, ...rest }: RewardDefinition) {
  return { ...rest, availableFrom: availableFrom ? new Date(availableFrom) : null, availableUntil: availableUntil ? new Date(availableUntil) : null };
}

/** Creates or changes a reward. Stock set here is the stock left from now on. */
export async function saveReward(db: Database, actor: AuditActor, definition: RewardDefinition, now = new Date()): Promise<{ created: boolean }> {
  const reward = rewardRow(definition);
  return db.transaction(async (tx) => {
    await requireProgram(tx);
    if (reward.minTierId) {
      const [tier] = await tx.select({ id: tiers.id }).from(tiers).where(eq(tiers.id, reward.minTierId));
      if (!tier) throw new ConsoleError("refused", "unknownTier", { tier: reward.minTierId });
    }
    const [before] = await tx.select().from(rewards).where(eq(rewards.id, reward.id)).for("update");
    const row = { ...reward, programId: PROGRAM_ID };
    await tx.insert(rewards).values(row).onConflictDoUpdate({ target: rewards.id, set: row });
    await writeAudit(tx, actor, before ? "reward.update" : "reward.create", `reward:${reward.id}`, before ?? null, row, now);
    return { created: !before };
  });
}

export async function listAllRewards(db: Database) {
  // Qualified by hand: inside a subquery drizzle would write a bare "id", which the subquery's own table shadows.
  const free = sql<number>`(select count(*)::int from coupon_codes c where c.reward_id = "rewards"."id" and c.coupon_id is null)`;
  const issued = sql<number>`(select count(*)::int from coupons c where c.reward_id = "rewards"."id")`;
  return db
    .select({ reward: rewards, freeCodes: free, issued })
    .from(rewards)
    .where(eq(rewards.programId, PROGRAM_ID))
    .orderBy(asc(rewards.position), asc(rewards.pointsCost));
}

/**
 * Adds codes to a reward's pool (the shop's own, from CSV, or generated) and switches the reward
 * to the pool. A code already known anywhere is refused, so no code can be handed out twice.
 */
export async function addRewardCodes(db: Database, actor: AuditActor, input: { rewardId: string; csv?: string | undefined; generate?: number | undefined }, now = new Date()): Promise<{ added: number; free: number }> {
  let codes: string[];
  if (input.csv !== undefined) {
    const parsed = parseCodeList(input.csv);
    if (parsed.invalid.length > 0) throw new ConsoleError("refused", "invalidCodes", { lines: parsed.invalid.slice(0, 5).map((l) => `${l.line}: ${l.value}`).join(", ") });
    if (parsed.codes.length === 0) throw new ConsoleError("refused", "noCodes");
    codes = parsed.codes;
  } else {
    codes = Array.from({ length: input.generate ?? 0 }, generateCouponCode);
    if (codes.length === 0) throw new ConsoleError("refused", "noCodes");
  }
  return db.transaction(async (tx) => {
    const [reward] = await tx.select({ id: rewards.id, kind: rewards.kind }).from(rewards).where(eq(rewards.id, input.rewardId)).for("update");
    if (!reward) throw new ConsoleError("not-found", "rewardNotFound");
    // The shopper chooses its amount: a shop's code of a fixed value cannot carry it.
    if (reward.kind === "points_off") throw new ConsoleError("refused", "codesNotForPointsOff");
    const inserted = await tx
      .insert(couponCodes)
      .values(codes.map((code) => ({ rewardId: input.rewardId, code })))
      .onConflictDoNothing()
      .returning({ code: couponCodes.code });
    if (inserted.length < codes.length) {
      const fresh = new Set(inserted.map((r) => r.code));
      throw new ConsoleError("conflict", "duplicateCodes", { codes: codes.filter((c) => !fresh.has(c)).slice(0, 5).join(", ") });
    }
    await tx.update(rewards).set({ usesCodePool: true }).where(eq(rewards.id, input.rewardId));
    const free = await tx.$count(couponCodes, and(eq(couponCodes.rewardId, input.rewardId), isNull(couponCodes.couponId)));
    await writeAudit(tx, actor, "reward.codes", `reward:${input.rewardId}`, { free: free - inserted.length }, { free, added: inserted.length, source: input.csv !== undefined ? "csv" : "generated" }, now);
    return { added: inserted.length, free };
  });
}

export async function listTiers(db: Database) {
  return db
    .select({ id: tiers.id, name: tiers.name, thresholdCents: tiers.thresholdCents, multiplierPercent: tiers.multiplierPercent, perks: tiers.perks, benefits: tiers.benefits })
    .from(tiers)
    .where(eq(tiers.programId, PROGRAM_ID))
    .orderBy(asc(tiers.thresholdCents));
}

export type ProgramSettings = { name: string; referralRule: ReferralRule; pointValueMilliCents: number; branding: Branding };

export async function getProgramSettings(db: Database): Promise<ProgramSettings | null> {
  const [program] = await db.select().from(programs).where(eq(programs.id, PROGRAM_ID));
  if (!program) return null;
  return { name: program.name, referralRule: parseReferralRule(program.referralRule), pointValueMilliCents: program.pointValueMilliCents, branding: parseBranding(program.branding) };
}

/** Name, referral offer, point value and branding: one save, one audit row. */
export async function saveProgramSettings(db: Database, actor: AuditActor, settings: ProgramSettings, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const program = await requireProgram(tx);
    await tx.update(programs).set(settings).where(eq(programs.id, PROGRAM_ID));
    await writeAudit(
      tx,
      actor,
      "program.settings",
      "program:settings",
      { name: program.name, referralRule: program.referralRule, pointValueMilliCents: program.pointValueMilliCents, branding: program.branding },
      settings,
      now,
    );
  });
  forgetProgramConfig(db);
}

/** The program as the document the console exports (lib/console/program-document.ts). */
export async function exportProgram(db: Database): Promise<ProgramDocument | null> {
  const [program] = await db.select().from(programs).where(eq(programs.id, PROGRAM_ID));
  if (!program) return null;
  const config = await getProgramConfig(db);
  const [tierRows, rewardRows, taskRows] = await Promise.all([
    listTiers(db),
    db.select().from(rewards).where(eq(rewards.programId, PROGRAM_ID)).orderBy(asc(rewards.position)),
    db.select().from(tasks).where(eq(tasks.programId, PROGRAM_ID)).orderBy(asc(tasks.position)),
  ]);
  return {
    format: "treue-program",
    version: 1,
    name: program.name,
    currency: program.currency,
    // The newest version, scheduled or not: what the next import should keep.
    earnRule: config.earnRuleVersions.at(-1)?.rule ?? parseEarnRule(program.earnRule),
    tierRule: tierRuleSchema.parse(program.tierRule ?? {}),
    tiers: tierRows.map((t) => ({
      id: t.id,
      name: t.name,
      thresholdCents: t.thresholdCents,
      multiplierPercent: t.multiplierPercent,
      ...(t.perks ? { perks: t.perks } : {}),
      benefits: { freeShipping: t.benefits.freeShipping ?? false, exclusiveRewards: t.benefits.exclusiveRewards ?? false, earlyAccess: t.benefits.earlyAccess ?? false },
    })),
    rewards: rewardRows.map(({ programId: _p, image: _i, usesCodePool: _u, availableFrom, availableUntil, ...r }) => ({
      ...r,
      availableFrom: availableFrom?.toISOString() ?? null,
      availableUntil: availableUntil?.toISOString() ?? null,
    })),
    tasks: taskRows.map(({ programId: _p, kind, config, ...t }) => ({ ...t, kind: kind as ProgramDocument["tasks"][number]["kind"], config: parseTaskConfig(config) })),
    challenges: parseChallenges(program.challenges),
    referralRule: parseReferralRule(program.referralRule),
    pointValueMilliCents: program.pointValueMilliCents,
    branding: parseBranding(program.branding),
  };
}

/**
 * Makes the program what the document says, in one transaction: a new earn-rule version from now,
 * the tier ladder replaced, rewards and tasks created or updated, and those the document leaves
 * out switched off (never deleted: coupons and submissions still point at them). Creates the
 * program on a fresh install (not yet live).
 */
export async function importProgram(db: Database, actor: AuditActor, doc: ProgramDocument, now = new Date()): Promise<{ created: boolean }> {
  const before = await exportProgram(db);
  const result = await db.transaction(async (tx) => {
    const settings = { name: doc.name, currency: doc.currency, earnRule: doc.earnRule, tierRule: doc.tierRule, referralRule: doc.referralRule, challenges: doc.challenges, pointValueMilliCents: doc.pointValueMilliCents, branding: doc.branding };
    const created = await tx.insert(programs).values({ id: PROGRAM_ID, ...settings }).onConflictDoNothing().returning({ id: programs.id });
    if (created.length === 0) await tx.update(programs).set(settings).where(eq(programs.id, PROGRAM_ID));
    await requireProgram(tx);
    const [{ latest } = { latest: null }] = await tx.select({ latest: max(earnRuleVersions.version) }).from(earnRuleVersions);
    await tx.insert(earnRuleVersions).values({ version: (latest ?? 0) + 1, programId: PROGRAM_ID, rule: doc.earnRule, effectiveFrom: now, createdBy: actor.id, createdAt: now });
    await replaceTiers(tx, doc.tiers);
    await tx.update(rewards).set({ active: false }).where(eq(rewards.programId, PROGRAM_ID));
    for (const reward of doc.rewards) {
      const row = { ...rewardRow(reward), programId: PROGRAM_ID };
      await tx.insert(rewards).values(row).onConflictDoUpdate({ target: rewards.id, set: row });
    }
    await tx.update(tasks).set({ active: false }).where(eq(tasks.programId, PROGRAM_ID));
    for (const task of doc.tasks) {
      const row = { ...task, programId: PROGRAM_ID };
      await tx.insert(tasks).values(row).onConflictDoUpdate({ target: tasks.id, set: row });
    }
    await writeAudit(tx, actor, "program.import", "program:document", before, doc, now);
    return { created: created.length > 0 };
  });
  forgetProgramConfig(db);
  return result;
}

/** Opens the program to shoppers ("starts soon" until then). */
export async function launchProgram(db: Database, actor: AuditActor, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const program = await requireProgram(tx);
    if (program.launchedAt) throw new ConsoleError("conflict", "alreadyLive");
    await tx.update(programs).set({ launchedAt: now }).where(eq(programs.id, PROGRAM_ID));
    await writeAudit(tx, actor, "program.launch", "program:settings", { launchedAt: null }, { launchedAt: now.toISOString() }, now);
  });
}

export async function getProgramLaunch(db: Database): Promise<{ exists: boolean; launchedAt: Date | null }> {
  const [program] = await db.select({ launchedAt: programs.launchedAt }).from(programs).where(eq(programs.id, PROGRAM_ID));
  return { exists: Boolean(program), launchedAt: program?.launchedAt ?? null };
}

export type TaskRow = typeof tasks.$inferSelect;

export async function listAllTasks(db: Database): Promise<TaskRow[]> {
  return db.select().from(tasks).where(eq(tasks.programId, PROGRAM_ID)).orderBy(asc(tasks.position), asc(tasks.id));
}

/** Creates or changes a task; a kind, once set, stays (its submissions were made for it). */
export async function saveTask(db: Database, actor: AuditActor, task: ProgramDocument["tasks"][number], now = new Date()): Promise<{ created: boolean }> {
  return db.transaction(async (tx) => {
    await requireProgram(tx);
    const [before] = await tx.select().from(tasks).where(eq(tasks.id, task.id)).for("update");
    if (before && before.kind !== task.kind) throw new ConsoleError("refused", "taskKindFixed", { kind: before.kind });
    const row = { ...task, programId: PROGRAM_ID };
    await tx.insert(tasks).values(row).onConflictDoUpdate({ target: tasks.id, set: row });
    await writeAudit(tx, actor, before ? "task.update" : "task.create", `task:${task.id}`, before ?? null, row, now);
    return { created: !before };
  });
}

/** Points a reward at its new picture (already sanitised and stored); the old file is the caller's to remove. */
export async function setRewardImage(db: Database, actor: AuditActor, rewardId: string, image: string, now = new Date()): Promise<{ previous: string | null }> {
  return db.transaction(async (tx) => {
    const [reward] = await tx.select({ image: rewards.image }).from(rewards).where(eq(rewards.id, rewardId)).for("update");
    if (!reward) throw new ConsoleError("not-found", "rewardNotFound");
    await tx.update(rewards).set({ image }).where(eq(rewards.id, rewardId));
    await writeAudit(tx, actor, "reward.image", `reward:${rewardId}`, { image: reward.image }, { image }, now);
    return { previous: reward.image };
  });
}

/** Replaces the program's challenges (badges are built in and need no setting). */
export async function saveChallenges(db: Database, actor: AuditActor, challenges: Challenge[], now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const program = await requireProgram(tx);
    await tx.update(programs).set({ challenges }).where(eq(programs.id, PROGRAM_ID));
    await writeAudit(tx, actor, "program.challenges", "program:challenges", program.challenges, challenges, now);
  });
  forgetProgramConfig(db);
}

/** One journey's settings; the others stay as they are. */
export async function saveJourney(db: Database, actor: AuditActor, key: JourneyKey, settings: JourneySettings, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const program = await requireProgram(tx);
    const before = parseJourneys(program.journeys);
    await tx.update(programs).set({ journeys: { ...(program.journeys as object), [key]: settings } }).where(eq(programs.id, PROGRAM_ID));
    await writeAudit(tx, actor, "journeys.save", `journey:${key}`, before[key], settings, now);
  });
  forgetProgramConfig(db);
}

/** Sets the uploaded logo (already sanitised and stored); returns the previous address. */
export async function setBrandingLogo(db: Database, actor: AuditActor, logoUrl: string, now = new Date()): Promise<{ previous: string | null }> {
  return db.transaction(async (tx) => {
    const program = await requireProgram(tx);
    const branding = parseBranding(program.branding);
    await tx.update(programs).set({ branding: { ...branding, logoUrl } }).where(eq(programs.id, PROGRAM_ID));
    await writeAudit(tx, actor, "program.logo", "program:settings", { logoUrl: branding.logoUrl ?? null }, { logoUrl }, now);
    return { previous: branding.logoUrl ?? null };
  });
}

type ScheduledPayloads = { tiers: { rule: TierRuleSettings; tiers: TierInput[] }; settings: ProgramSettings };
export type ScheduledKind = keyof ScheduledPayloads;
export type ScheduledChange<K extends ScheduledKind = ScheduledKind> = { payload: ScheduledPayloads[K]; effectiveFrom: string; actor: AuditActor };
const scheduledKinds: ScheduledKind[] = ["tiers", "settings"];
const planKey = (kind: ScheduledKind) => `scheduled-change:${kind}`;

/** Keeps a change for later (one plan per kind: a new one replaces it), audited when planned. */
export async function scheduleChange<K extends ScheduledKind>(db: Database, actor: AuditActor, kind: K, payload: ScheduledPayloads[K], effectiveFrom: Date, now = new Date()): Promise<void> {
  const plan: ScheduledChange<K> = { payload, effectiveFrom: effectiveFrom.toISOString(), actor: { id: actor.id, email: actor.email } };
  await db.transaction(async (tx) => {
    await requireProgram(tx);
    const [before] = await tx.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, planKey(kind)));
    await tx.insert(appSettings).values({ key: planKey(kind), value: plan }).onConflictDoUpdate({ target: appSettings.key, set: { value: plan } });
    await writeAudit(tx, actor, `program.${kind}.schedule`, `program:${kind}`, before?.value ?? null, plan, now);
  });
}

export async function getScheduledChange<K extends ScheduledKind>(db: Database, kind: K): Promise<ScheduledChange<K> | null> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, planKey(kind)));
  return (row?.value as ScheduledChange<K> | undefined) ?? null;
}

export async function cancelScheduledChange(db: Database, kind: ScheduledKind): Promise<void> {
  await db.delete(appSettings).where(eq(appSettings.key, planKey(kind)));
}

/**
 * Applies every scheduled change that is due. A plan row is claimed by deleting it, so of several
 * instances exactly one applies it. Returns the kinds applied.
 */
export async function applyDueChanges(db: Database, now = new Date()): Promise<ScheduledKind[]> {
  const applied: ScheduledKind[] = [];
  for (const kind of scheduledKinds) {
    const plan = await getScheduledChange(db, kind);
    if (!plan || new Date(plan.effectiveFrom) > now) continue;
    const claimed = await db.delete(appSettings).where(eq(appSettings.key, planKey(kind))).returning({ value: appSettings.value });
    if (claimed.length === 0) continue;
    if (kind === "tiers") await saveTiers(db, plan.actor, (plan as ScheduledChange<"tiers">).payload, now);
    else await saveProgramSettings(db, plan.actor, (plan as ScheduledChange<"settings">).payload, now);
    applied.push(kind);
  }
  return applied;
}
