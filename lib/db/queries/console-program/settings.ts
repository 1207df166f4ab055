// The program's name, referral rule, branding and journeys; its launch.
import "server-only";
import { eq } from "drizzle-orm";
import { parseBranding, type Branding } from "../../../loyalty/branding";
import { parseReferralRule, type ReferralRule } from "../../../loyalty/referrals";
import type { Database } from "../../connect";
import { PROGRAM_ID } from "../../program-id";
import { programs } from "../../schema";

export type ProgramSettings = { name: string; referralRule: ReferralRule; pointValueMilliCents: number; branding: Branding };

export async function getProgramSettings(db: Database): Promise<ProgramSettings | null> {
  const [program] = await db.select().from(programs).where(eq(programs.id, PROGRAM_ID));
  if (!program) return null;
  return { name: program.name, referralRule: parseReferralRule(program.referralRule), pointValueMilliCents: program.pointValueMilliCents, branding: parseBranding(program.branding) };
}

export async function getProgramLaunch(db: Database): Promise<{ exists: boolean; launchedAt: Date | null }> {
  const [program] = await db.select({ launchedAt: programs.launchedAt }).from(programs).where(eq(programs.id, PROGRAM_ID));
  return { exists: Boolean(program), launchedAt: program?.launchedAt ?? null };
}
