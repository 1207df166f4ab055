import "server-only";
// What applying an order depends on of its member, read by the database function
// treue_member_state (migration 0011). It is VOLATILE, so in the RETURNING list of the UPDATE that
// locks the member it reads afresh what a concurrent transaction committed meanwhile.
import { sql, type SQL } from "drizzle-orm";
import { relevantSince, type TierFloor, type TierRule } from "../../loyalty/tier-standing";
import { parseMemberOrders, parseTierFloor, type MemberOrder } from "./tiers";

export type MemberState = {
  id: string;
  balance: number;
  debt: number;
  tierId: string | null;
  floor: TierFloor | null;
  /** A friend who joined through a referral and has not ordered yet: this order may qualify it. */
  referred: boolean;
  /** The orders the tier window counts. */
  orders: MemberOrder[];
  /** The state as the database gave it: a guarded write goes ahead only while it is unchanged. */
  raw: unknown;
};

type RawState = [number, number, string | null, string | null, number | null, boolean, [string, number, number][]];

/** The member's state as one jsonb value; `member` is an SQL expression naming the member id. */
export function memberStateSql(member: SQL, rule: TierRule, now: Date): SQL {
  return sql`treue_member_state(${member}, ${relevantSince(rule, now)})`;
}

export function parseMemberState(id: string, raw: unknown): MemberState {
  const [balance, debt, tierId, floorId, floorUntil, referred, orders] = raw as RawState;
  return {
    id,
    balance: Number(balance),
    debt: Number(debt),
    tierId,
    floor: parseTierFloor([floorId, floorUntil]),
    referred: Boolean(referred),
    orders: parseMemberOrders(orders),
    raw,
  };
}

/**
 * The state of a member an order is making right now: nothing earned, owed, held or pending yet,
 * no referral to qualify (a friend's referral names a member who joined through the app first).
 */
export function newMemberState(id: string): MemberState {
  return parseMemberState(id, [0, 0, null, null, null, false, []] satisfies RawState);
}

/**
 * The SET list that records what a shop event says of a known customer: a name once known stays,
 * a birthday the shop sends replaces the one kept.
 */
export function customerDetailsSet(customer: { name?: string; birthday?: string }): SQL {
  return sql`name = coalesce(members.name, ${customer.name ?? null}::text),
        birthday = coalesce(${customer.birthday ?? null}::date, members.birthday),
        updated_at = now()`;
}
