// The earn rule's versions: saved for a date, never edited in place.
import "server-only";
import { asc, eq, max } from "drizzle-orm";
import type { EarnRule } from "../../../loyalty/earn-rule";
import type { Database, Tx } from "../../connect";
import { PROGRAM_ID } from "../../program-id";
import { earnRuleVersions } from "../../schema";

/** Adds the version after the newest; the caller holds the program's lock, so two never collide. */
export async function insertNextEarnRuleVersion(tx: Tx, row: { rule: EarnRule; effectiveFrom: Date; createdBy: string | null; createdAt: Date }): Promise<number> {
  const [{ latest } = { latest: null }] = await tx.select({ latest: max(earnRuleVersions.version) }).from(earnRuleVersions);
  const version = (latest ?? 0) + 1;
  await tx.insert(earnRuleVersions).values({ version, programId: PROGRAM_ID, ...row });
  return version;
}

export async function listEarnRuleVersions(db: Database) {
  return db.select().from(earnRuleVersions).where(eq(earnRuleVersions.programId, PROGRAM_ID)).orderBy(asc(earnRuleVersions.version));
}
