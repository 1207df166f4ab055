// The member's card number (lib/loyalty/member-number.ts): made on first use, found at the till.
import { randomInt } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { memberNumberFrom } from "../../loyalty/member-number";
import type { Database } from "../connect";
import { isUniqueViolation } from "../pg-errors";
import { members } from "../schema";

/** The member's number, made now when they have none (two callers at once agree on one). */
export async function ensureMemberNumber(db: Database, memberId: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [current] = await db.select({ number: members.memberNumber }).from(members).where(eq(members.id, memberId));
    if (!current) throw new Error(`member ${memberId} not found`);
    if (current.number) return current.number;
    try {
      const [set] = await db
        .update(members)
        .set({ memberNumber: memberNumberFrom(randomInt(0, 900_000_000)) })
        .where(and(eq(members.id, memberId), isNull(members.memberNumber)))
        .returning({ number: members.memberNumber });
      if (set?.number) return set.number;
    } catch (error) {
      // Another member holds that number (one in 90 million per member): draw again.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error("could not assign a member number");
}

/** The member a card number belongs to (erased members have none). */
export async function findMemberIdByNumber(db: Database, number: string): Promise<string | null> {
  const [row] = await db.select({ id: members.id }).from(members).where(and(eq(members.memberNumber, number), isNull(members.erasedAt)));
  return row?.id ?? null;
}
