// Changes scheduled for a later date, applied when due.
import "server-only";
import { eq } from "drizzle-orm";
import type { TierRuleSettings } from "../../../loyalty/tier-standing";
import type { Database } from "../../connect";
import { appSettings } from "../../schema";
import { writeAudit, type AuditActor } from "../audit";
import { saveProgramSettings, type ProgramSettings } from "./settings";
import { requireProgram } from "./shared";
import { saveTiers, type TierInput } from "./tiers";

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
