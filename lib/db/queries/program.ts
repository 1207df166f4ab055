import "server-only";
import { asc, eq } from "drizzle-orm";
import { parseBranding, type Branding } from "../../loyalty/branding";
import { parseEarnRule, ruleVersionAt, type EarnRule, type EarnRuleVersion } from "../../loyalty/earn-rule";
import { parseChallenges, type Challenge } from "../../loyalty/gamification";
import { parseJourneys, type Journeys } from "../../loyalty/journeys";
import { parseReferralRule, type ReferralRule } from "../../loyalty/referrals";
import { parseTierRule, type TierRule } from "../../loyalty/tier-standing";
import { env } from "../../env";
import type { Database } from "../connect";
import { PROGRAM_ID } from "../program-id";
import { earnRuleVersions, programs, tiers, type LocalizedText, type TierBenefits } from "../schema";

export type ProgramTier = { id: string; name: LocalizedText; thresholdCents: number; multiplierPercent: number; benefits: TierBenefits };
export type ProgramConfig = {
  /** The rule in force when the config was read; orders use earnRuleAt(config, paidAt). */
  earnRule: EarnRule;
  /** Every saved version, oldest first; empty until the console first saves the rule. */
  earnRuleVersions: EarnRuleVersion[];
  tierRule: TierRule; referralRule: ReferralRule; challenges: Challenge[]; tiers: ProgramTier[];
  /** The automatic messages: which are on, their timing and the shop's own words. */
  journeys: Journeys;
  /** The program's time zone (TREUE_TIMEZONE, Europe/Berlin by default): its days, weeks, months and years. */
  timeZone: string;
  /** The program's currency (ISO 4217, programs.currency): every amount shown or sent is in it. */
  currency: string;
  /** False on a fresh install, before the console's set-up wizard made the program (the rest are then defaults). */
  exists: boolean;
};

/**
 * The rule and tiers change a few times a year but are read by every shop event; a short-lived
 * copy per process saves two queries on the hot path. Whoever changes them calls
 * forgetProgramConfig so this process sees the change at once (others within the TTL).
 */
const CONFIG_TTL_MS = 10_000;
const cache = new WeakMap<Database, { at: number; config: Promise<ProgramConfig> }>();

export function getProgramConfig(db: Database, now = Date.now()): Promise<ProgramConfig> {
  const hit = cache.get(db);
  if (hit && now - hit.at < CONFIG_TTL_MS) return hit.config;
  const config = readProgramConfig(db);
  cache.set(db, { at: now, config });
  config.catch(() => cache.delete(db));
  return config;
}

export function forgetProgramConfig(db: Database) {
  cache.delete(db);
}

/** A new program's currency (the column's default); the program's own is in ProgramConfig.currency. */
export const DEFAULT_CURRENCY = "EUR";

/**
 * The program's currency, from the same short-lived copy as the rest of its config: a page or
 * a webhook that needs only this reads it without a query of its own most of the time.
 */
export async function programCurrency(db: Database): Promise<string> {
  return (await getProgramConfig(db)).currency;
}

async function readProgramConfig(db: Database): Promise<ProgramConfig> {
  const [[program], tierRows, versionRows] = await Promise.all([
    db.select({ currency: programs.currency, earnRule: programs.earnRule, tierRule: programs.tierRule, referralRule: programs.referralRule, challenges: programs.challenges, journeys: programs.journeys }).from(programs).where(eq(programs.id, PROGRAM_ID)),
    db
      .select({ id: tiers.id, name: tiers.name, thresholdCents: tiers.thresholdCents, multiplierPercent: tiers.multiplierPercent, benefits: tiers.benefits })
      .from(tiers)
      .where(eq(tiers.programId, PROGRAM_ID))
      .orderBy(asc(tiers.thresholdCents)),
    db
      .select({ version: earnRuleVersions.version, rule: earnRuleVersions.rule, effectiveFrom: earnRuleVersions.effectiveFrom })
      .from(earnRuleVersions)
      .where(eq(earnRuleVersions.programId, PROGRAM_ID))
      .orderBy(asc(earnRuleVersions.effectiveFrom)),
  ]);
  const versions = versionRows.map((v) => ({ ...v, rule: parseEarnRule(v.rule) }));
  return {
    earnRule: ruleVersionAt(versions, new Date())?.rule ?? parseEarnRule(program?.earnRule),
    earnRuleVersions: versions,
    tierRule: parseTierRule(program?.tierRule, env().timezone),
    referralRule: parseReferralRule(program?.referralRule),
    challenges: parseChallenges(program?.challenges),
    journeys: parseJourneys(program?.journeys),
    tiers: tierRows,
    timeZone: env().timezone,
    currency: program?.currency ?? DEFAULT_CURRENCY,
    exists: program !== undefined,
  };
}

/** The program's name and the shop's branding: what the app's frame, footer and manifest show. */
export async function getProgramFace(db: Database): Promise<{ name: string; branding: Branding; launchedAt: Date | null } | null> {
  const [row] = await db.select({ name: programs.name, branding: programs.branding, launchedAt: programs.launchedAt }).from(programs).where(eq(programs.id, PROGRAM_ID));
  return row ? { name: row.name, branding: parseBranding(row.branding), launchedAt: row.launchedAt } : null;
}

export async function getProgramName(db: Database): Promise<string | null> {
  const [row] = await db.select({ name: programs.name }).from(programs).where(eq(programs.id, PROGRAM_ID));
  return row?.name ?? null;
}

/** The program's earn rule; the defaults when no program is set up yet. */
export async function getEarnRule(db: Database): Promise<EarnRule> {
  return (await getProgramConfig(db)).earnRule;
}

/**
 * The earn rule an order paid at `at` earns under, with its version number (null: the program's
 * rule from before versions were kept).
 */
export function earnRuleAt(config: ProgramConfig, at: Date): { rule: EarnRule; version: number | null } {
  const found = ruleVersionAt(config.earnRuleVersions, at);
  return found ? { rule: found.rule, version: found.version } : { rule: config.earnRule, version: null };
}
