// Changes the owner scheduled for a later date, applied by the scheduledChanges job when due.
import "server-only";
import type { Database } from "../../db/connect";
import { writeAudit, type AuditActor } from "../../db/queries/audit";
import { getScheduledChange, lockScheduledChange, putScheduledChange, cancelScheduledChange, scheduledKinds, type ScheduledChange, type ScheduledKind, type ScheduledPayload } from "../../db/queries/console-program";
import { forgetProgramConfig } from "../../db/queries/program";
import { saveProgramSettingsIn } from "./settings";
import { requireProgram } from "./shared";
import { saveTiersIn } from "./tiers";

/** Keeps a change for later (one plan per kind: a new one replaces it), audited when planned. */
export async function scheduleChange<K extends ScheduledKind>(db: Database, actor: AuditActor, kind: K, payload: ScheduledPayload<K>, effectiveFrom: Date, now = new Date()): Promise<void> {
  const plan: ScheduledChange<K> = { payload, effectiveFrom: effectiveFrom.toISOString(), actor: { id: actor.id, email: actor.email } };
  await db.transaction(async (tx) => {
    await requireProgram(tx);
    const before = await getScheduledChange(tx, kind);
    await putScheduledChange(tx, kind, plan);
    await writeAudit(tx, actor, `program.${kind}.schedule`, `program:${kind}`, before, plan, now);
  });
}

export type DueChangesOutcome = { applied: ScheduledKind[]; failed: { kind: ScheduledKind; error: unknown }[] };

/**
 * Applies every scheduled change that is due. Each plan is locked, applied and deleted in one
 * transaction: of several instances exactly one applies it, and a change whose applying fails
 * (a refusal, a crash) stays scheduled for the next run. One failing kind holds up no other.
 */
export async function applyDueChanges(db: Database, now = new Date()): Promise<DueChangesOutcome> {
  const outcome: DueChangesOutcome = { applied: [], failed: [] };
  for (const kind of scheduledKinds) {
    const due = await getScheduledChange(db, kind);
    if (!due || new Date(due.effectiveFrom) > now) continue;
    try {
      const applied = await db.transaction(async (tx) => {
        // The program's lock first, as scheduleChange takes it: the two never wait on each other.
        await requireProgram(tx);
        const plan = await lockScheduledChange(tx, kind);
        if (!plan || new Date(plan.effectiveFrom) > now) return false;
        if (kind === "tiers") await saveTiersIn(tx, plan.actor, (plan as ScheduledChange<"tiers">).payload, now);
        else await saveProgramSettingsIn(tx, plan.actor, (plan as ScheduledChange<"settings">).payload, now);
        await cancelScheduledChange(tx, kind);
        return true;
      });
      if (applied) outcome.applied.push(kind);
    } catch (error) {
      outcome.failed.push({ kind, error });
    }
  }
  if (outcome.applied.length > 0) forgetProgramConfig(db);
  return outcome;
}
