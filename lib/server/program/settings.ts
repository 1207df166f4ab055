// The program's name, referral rule, branding and journeys; its launch.
import "server-only";
import type { Database, Tx } from "../../db/connect";
import { writeAudit, type AuditActor } from "../../db/queries/audit";
import { updateProgram, type ProgramSettings } from "../../db/queries/console-program";
import { forgetProgramConfig } from "../../db/queries/program";
import { ConsoleError } from "../../errors";
import { parseBranding } from "../../loyalty/branding";
import { parseJourneys, type JourneyKey, type JourneySettings } from "../../loyalty/journeys";
import { requireProgram } from "./shared";

/** Name, referral offer, point value and branding: one save, one audit row. */
export async function saveProgramSettings(db: Database, actor: AuditActor, settings: ProgramSettings, now = new Date()): Promise<void> {
  await db.transaction((tx) => saveProgramSettingsIn(tx, actor, settings, now));
  forgetProgramConfig(db);
}

/** saveProgramSettings inside the caller's transaction (the caller forgets the cached program afterwards). */
export async function saveProgramSettingsIn(tx: Tx, actor: AuditActor, settings: ProgramSettings, now: Date): Promise<void> {
  const program = await requireProgram(tx);
  await updateProgram(tx, settings);
  const before = { name: program.name, referralRule: program.referralRule, pointValueMilliCents: program.pointValueMilliCents, branding: program.branding };
  await writeAudit(tx, actor, "program.settings", "program:settings", before, settings, now);
}

/** Opens the program to shoppers ("starts soon" until then). */
export async function launchProgram(db: Database, actor: AuditActor, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const program = await requireProgram(tx);
    if (program.launchedAt) throw new ConsoleError("conflict", "alreadyLive");
    await updateProgram(tx, { launchedAt: now });
    await writeAudit(tx, actor, "program.launch", "program:settings", { launchedAt: null }, { launchedAt: now.toISOString() }, now);
  });
}

/** One journey's settings; the others stay as they are. */
export async function saveJourney(db: Database, actor: AuditActor, key: JourneyKey, settings: JourneySettings, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const program = await requireProgram(tx);
    const before = parseJourneys(program.journeys);
    await updateProgram(tx, { journeys: { ...(program.journeys as object), [key]: settings } });
    await writeAudit(tx, actor, "journeys.save", `journey:${key}`, before[key], settings, now);
  });
  forgetProgramConfig(db);
}

/** Sets the uploaded logo (already sanitised and stored); returns the previous address. */
export async function setBrandingLogo(db: Database, actor: AuditActor, logoUrl: string, now = new Date()): Promise<{ previous: string | null }> {
  return db.transaction(async (tx) => {
    const program = await requireProgram(tx);
    const branding = parseBranding(program.branding);
    await updateProgram(tx, { branding: { ...branding, logoUrl } });
    await writeAudit(tx, actor, "program.logo", "program:settings", { logoUrl: branding.logoUrl ?? null }, { logoUrl }, now);
    return { previous: branding.logoUrl ?? null };
  });
}
