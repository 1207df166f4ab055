import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { runPrepared } from "../prepared";
import { ORDER_SOURCE_PREFIX } from "../../loyalty/ledger-keys";
import { isUuid } from "../../validations/ids";
import { ledgerEntries, members, orders } from "../schema";
import { storeNameSql } from "./till";
import type { Locale } from "../../i18n/config";
import type { MemberRole } from "../../loyalty/roles";

export type MemberSummary = {
  id: string;
  email: string;
  name: string | null;
  locale: Locale | null;
  role: MemberRole;
  pointsBalance: number;
  /** Refunded points that were already spent; the next earnings settle them. */
  pointsDebt: number;
  /** The highest tier the shopper was congratulated on. */
  tierCelebratedId: string | null;
};

/** A member who may use the app: erased members are gone for good (their ledger stays for the sums). */
export async function getMemberSummary(db: Database, memberId: string): Promise<MemberSummary | null> {
  if (!isUuid(memberId)) return null;
  const [row] = await db
    .select({
      id: members.id,
      email: members.email,
      name: members.name,
      locale: members.locale,
      role: members.role,
      pointsBalance: members.pointsBalance,
      pointsDebt: members.pointsDebt,
      tierCelebratedId: members.tierCelebratedId,
    })
    .from(members)
    .where(and(eq(members.id, memberId), isNull(members.erasedAt)));
  return row ? { ...row, locale: row.locale as Locale | null } : null;
}

/** Whether a session naming this member still admits them (checked on every request of a session). */
export async function memberMaySignIn(db: Database, memberId: string): Promise<boolean> {
  if (!isUuid(memberId)) return false;
  const rows = await runPrepared<{ ok: number }>(db, "member_may_sign_in", sql`select 1 as ok from members where id = ${memberId} and erased_at is null`);
  return rows.length > 0;
}

export type LedgerLine = {
  id: number;
  delta: number;
  kind: (typeof ledgerEntries.$inferSelect)["kind"];
  sourceRef: string;
  createdAt: Date;
  /** Staff's reason for an adjustment, shown to the shopper. */
  note: string | null;
  /** The order behind an earn or refund row, when there is one. */
  order: { subtotalCents: number; currency: string } | null;
  /** The store's name, when the row's order was booked at the shop's till. */
  storeName: string | null;
};

/** Newest first, with each row's order amount where there is one. */
export async function getLedgerPage(
  db: Database,
  memberId: string,
  { limit, offset = 0 }: { limit: number; offset?: number },
): Promise<LedgerLine[]> {
  const rows = await db
    .select({
      id: ledgerEntries.id,
      delta: ledgerEntries.delta,
      kind: ledgerEntries.kind,
      sourceRef: ledgerEntries.sourceRef,
      createdAt: ledgerEntries.createdAt,
      note: ledgerEntries.note,
      subtotalCents: orders.subtotalCents,
      currency: orders.currency,
      storeName: storeNameSql(orders.shopOrderId),
    })
    .from(ledgerEntries)
    .leftJoin(
      orders,
      and(eq(orders.memberId, ledgerEntries.memberId), sql`${ledgerEntries.sourceRef} = ${ORDER_SOURCE_PREFIX} || ${orders.shopOrderId}`),
    )
    .where(eq(ledgerEntries.memberId, memberId))
    .orderBy(desc(ledgerEntries.createdAt), desc(ledgerEntries.id))
    .limit(limit)
    .offset(offset);
  return rows.map(({ subtotalCents, currency, ...entry }) => ({
    ...entry,
    order: subtotalCents !== null && currency !== null ? { subtotalCents, currency } : null,
  }));
}

export function getRecentLedgerEntries(db: Database, memberId: string, limit = 5): Promise<LedgerLine[]> {
  return getLedgerPage(db, memberId, { limit });
}

export function countLedgerEntries(db: Database, memberId: string): Promise<number> {
  return db.$count(ledgerEntries, eq(ledgerEntries.memberId, memberId));
}

/** The balance after each entry, oldest first: the running sum of the ledger. */
export async function getBalanceHistory(db: Database, memberId: string): Promise<{ at: Date; balance: number }[]> {
  const rows = await db
    .select({
      at: ledgerEntries.createdAt,
      balance: sql<string>`sum(${ledgerEntries.delta}) over (order by ${ledgerEntries.createdAt}, ${ledgerEntries.id})`,
    })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.memberId, memberId))
    .orderBy(ledgerEntries.createdAt, ledgerEntries.id);
  return rows.map((r) => ({ at: r.at, balance: Number(r.balance) }));
}

export async function setMemberLocale(db: Database, memberId: string, locale: Locale): Promise<void> {
  await db.update(members).set({ locale, updatedAt: new Date() }).where(eq(members.id, memberId));
}

export async function setMemberName(db: Database, memberId: string, name: string): Promise<void> {
  await db.update(members).set({ name, updatedAt: new Date() }).where(eq(members.id, memberId));
}

export async function setTierCelebrated(db: Database, memberId: string, tierId: string): Promise<void> {
  await db.update(members).set({ tierCelebratedId: tierId }).where(eq(members.id, memberId));
}

export type MemberState = { balance: number; debt: number; version: string };

/**
 * What a shopper's screens show, condensed: the balance and a version that changes whenever the
 * balance, a coupon (issued, used) or a task submission (decided) does. Screens that keep
 * themselves current compare versions instead of data (components/live).
 */
export async function getMemberState(db: Database, memberId: string): Promise<MemberState | null> {
  if (!isUuid(memberId)) return null;
  const { rows } = (await db.execute(sql`
    select m.points_balance as balance, m.points_debt as debt,
      concat_ws(':', m.points_balance, m.points_debt,
        (select concat_ws(':', count(*), max(c.issued_at), max(c.used_at), max(c.shop_updated_at)) from coupons c where c.member_id = m.id),
        (select concat_ws(':', count(*), max(s.decided_at)) from task_submissions s where s.member_id = m.id)) as version
    from members m where m.id = ${memberId}`)) as unknown as { rows: { balance: number; debt: number; version: string }[] };
  const row = rows[0];
  return row ? { balance: Number(row.balance), debt: Number(row.debt), version: row.version } : null;
}
