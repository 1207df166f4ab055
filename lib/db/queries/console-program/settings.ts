// The program's name, referral rule, branding and journeys; its launch.
import "server-only";
import { eq } from "drizzle-orm";
import { ConsoleError } from "../../../errors";
import { parseBranding, type Branding } from "../../../loyalty/branding";
import { parseReferralRule, type ReferralRule } from "../../../loyalty/referrals";
import { parseJourneys, type JourneyKey, type JourneySettings } from "../../../loyalty/journeys";
import type { Database } from "../../connect";
import { PROGRAM_ID } from "../../program-id";
import { programs } from "../../schema";
import { writeAudit, type AuditActor } from "../audit";
import { forgetProgramConfig } from "../program";
import { requireProgram } from "./shared";

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
