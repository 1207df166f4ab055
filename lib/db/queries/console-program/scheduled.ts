// Changes scheduled for a later date: one plan per kind, kept in app_settings until applied.
import "server-only";
import { eq } from "drizzle-orm";
import type { TierRuleSettings } from "../../../loyalty/tier-standing";
import type { Database, Tx } from "../../connect";
import { appSettings } from "../../schema";
import type { AuditActor } from "../audit";
import type { ProgramSettings } from "./settings";
import type { TierInput } from "./tiers";

type ScheduledPayloads = { tiers: { rule: TierRuleSettings; tiers: TierInput[] }; settings: ProgramSettings };
export type ScheduledKind = keyof ScheduledPayloads;
export type ScheduledChange<K extends ScheduledKind = ScheduledKind> = { payload: ScheduledPayloads[K]; effectiveFrom: string; actor: AuditActor };
export type ScheduledPayload<K extends ScheduledKind> = ScheduledPayloads[K];
export const scheduledKinds: ScheduledKind[] = ["tiers", "settings"];
const planKey = (kind: ScheduledKind) => `scheduled-change:${kind}`;

export async function getScheduledChange<K extends ScheduledKind>(db: Database | Tx, kind: K): Promise<ScheduledChange<K> | null> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, planKey(kind)));
  return (row?.value as ScheduledChange<K> | undefined) ?? null;
}

/** The plan, locked until the transaction ends; null when there is none or another instance holds it. */
export async function lockScheduledChange<K extends ScheduledKind>(tx: Tx, kind: K): Promise<ScheduledChange<K> | null> {
  const [row] = await tx.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, planKey(kind))).for("update", { skipLocked: true });
  return (row?.value as ScheduledChange<K> | undefined) ?? null;
}

export async function putScheduledChange<K extends ScheduledKind>(tx: Tx, kind: K, plan: ScheduledChange<K>): Promise<void> {
  await tx.insert(appSettings).values({ key: planKey(kind), value: plan }).onConflictDoUpdate({ target: appSettings.key, set: { value: plan } });
}

export async function cancelScheduledChange(db: Database | Tx, kind: ScheduledKind): Promise<void> {
  await db.delete(appSettings).where(eq(appSettings.key, planKey(kind)));
}
