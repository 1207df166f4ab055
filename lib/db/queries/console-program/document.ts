// The whole program as one document, as the console exports it (importing it is lib/server/program/document.ts).
import "server-only";
import { asc, eq } from "drizzle-orm";
import { parseBranding } from "../../../loyalty/branding";
import { parseReferralRule } from "../../../loyalty/referrals";
import { parseChallenges } from "../../../loyalty/gamification";
import { parseEarnRule } from "../../../loyalty/earn-rule";
import { parseTaskConfig } from "../../../loyalty/tasks";
import { tierRuleSchema } from "../../../loyalty/tier-standing";
import type { ProgramDocument } from "../../../loyalty/program-document";
import type { Database } from "../../connect";
import { PROGRAM_ID } from "../../program-id";
import { programs, rewards, tasks } from "../../schema";
import { getProgramConfig } from "../program";
import { listTiers } from "./tiers";

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
