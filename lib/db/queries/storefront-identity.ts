import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../connect";
import { members } from "../schema";

/**
 * The e-mail address of the member the shop knows by `shopCustomerId` (the id its orders carry),
 * or null: no such member, or one whose data was erased.
 */
export async function memberEmailByShopCustomerId(db: Database, shopCustomerId: string): Promise<string | null> {
  const [row] = await db
    .select({ email: members.email })
    .from(members)
    .where(and(eq(members.shopCustomerId, shopCustomerId), isNull(members.erasedAt)))
    .limit(1);
  return row?.email ?? null;
}
