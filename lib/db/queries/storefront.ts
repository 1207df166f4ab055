import "server-only";
import { eq } from "drizzle-orm";
import type { EarnRule } from "../../loyalty/earn-rule";
import type { Database } from "../connect";
import { PROGRAM_ID } from "../program-id";
import { programs } from "../schema";
import { earnRuleAt, getProgramConfig, getProgramFace } from "./program";

/** Treue's green: the colour of a shop that has not chosen its own (as the app's manifest). */
const DEFAULT_BRAND_COLOR = "#136441";

/**
 * What product pages price with: the program's currency and the earn rule in force at `at`
 * (a version saved for later has not started yet). Null on a fresh install (no program yet).
 */
export async function getStorefrontPricing(db: Database, at: Date): Promise<{ currency: string; earnRule: EarnRule } | null> {
  const [config, [row]] = await Promise.all([getProgramConfig(db), db.select({ currency: programs.currency }).from(programs).where(eq(programs.id, PROGRAM_ID))]);
  if (!config.exists || !row) return null;
  return { currency: row.currency, earnRule: earnRuleAt(config, at).rule };
}

/** The shop's face for widgets on its pages: its name, colour and logo (as stored: may be a path of this app). Null without a program. */
export async function getStorefrontBrand(db: Database): Promise<{ name: string; color: string; logoUrl: string | null } | null> {
  const face = await getProgramFace(db);
  if (!face) return null;
  return { name: face.branding.shopName ?? face.name, color: face.branding.primaryColor ?? DEFAULT_BRAND_COLOR, logoUrl: face.branding.logoUrl ?? null };
}
