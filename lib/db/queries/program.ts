import "server-only";
import { eq } from "drizzle-orm";
import { parseEarnRule, type EarnRule } from "../../loyalty/earn-rule";
import type { Database } from "../connect";
import { PROGRAM_ID } from "../program-id";
import { programs } from "../schema";

export async function getProgramName(db: Database): Promise<string | null> {
  const [row] = await db.select({ name: programs.name }).from(programs).where(eq(programs.id, PROGRAM_ID));
  return row?.name ?? null;
}

/** The program's earn rule; the defaults when no program is set up yet. */
export async function getEarnRule(db: Database): Promise<EarnRule> {
  const [row] = await db.select({ earnRule: programs.earnRule }).from(programs).where(eq(programs.id, PROGRAM_ID));
  return parseEarnRule(row?.earnRule);
}
