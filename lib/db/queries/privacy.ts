import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database, Tx } from "../connect";
import { accounts, connectorOrders, conversationMessages, conversations, coupons, devMails, ledgerEntries, members, notifications, orders, pushSubscriptions, referrals, storefrontHandovers, supportRequests, taskSubmissions, verificationTokens } from "../schema";
import { endMemberShopDiscounts } from "./shop-discounts";
import { markMemberWalletPassesChanged } from "./wallet-passes";

/** Everything Treue holds about one member, as one JSON document (GDPR Art. 15 and 20); null when there is no such member. */
export async function memberDataOf(db: Database, memberId: string, now: Date) {
  const [member] = await db.select().from(members).where(eq(members.id, memberId));
  if (!member) return null;
  const [memberOrders, ledger, wallet, invited, invitedBy, submissions, requests, devices] = await Promise.all([
    db.select().from(orders).where(eq(orders.memberId, memberId)),
    db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, memberId)),
    db.select().from(coupons).where(eq(coupons.memberId, memberId)),
    db.select().from(referrals).where(eq(referrals.referrerId, memberId)),
    db.select().from(referrals).where(eq(referrals.friendId, memberId)),
    db.select().from(taskSubmissions).where(eq(taskSubmissions.memberId, memberId)),
    db.select().from(supportRequests).where(eq(supportRequests.memberId, memberId)),
    db.select({ endpoint: pushSubscriptions.endpoint, createdAt: pushSubscriptions.createdAt }).from(pushSubscriptions).where(eq(pushSubscriptions.memberId, memberId)),
  ]);
  const talks = await db
    .select({ conversationId: conversations.id, status: conversations.status, orderNumber: conversations.orderNumber, author: conversationMessages.author, body: conversationMessages.body, channel: conversationMessages.channel, createdAt: conversationMessages.createdAt })
    .from(conversationMessages)
    .innerJoin(conversations, eq(conversations.id, conversationMessages.conversationId))
    .where(and(eq(conversations.memberId, memberId), eq(conversationMessages.internal, false)))
    .orderBy(conversationMessages.id);
  return {
    exportedAt: now.toISOString(),
    member: {
      id: member.id,
      email: member.email,
      name: member.name,
      shopCustomerId: member.shopCustomerId,
      birthday: member.birthday,
      locale: member.locale,
      pointsBalance: member.pointsBalance,
      pointsDebt: member.pointsDebt,
      tierId: member.tierId,
      referralCode: member.referralCode,
      memberNumber: member.memberNumber,
      pushMuted: member.pushMuted,
      createdAt: member.createdAt,
    },
    orders: memberOrders,
    ledger,
    coupons: wallet,
    referralsMade: invited,
    referredBy: invitedBy.map((r) => ({ status: r.status, claimedAt: r.claimedAt })),
    submissions,
    supportRequests: requests,
    conversations: talks,
    pushDevices: devices,
  };
}

export type MemberRow = typeof members.$inferSelect;

/** The member, locked for the rest of the transaction. */
export async function lockMember(tx: Tx, memberId: string): Promise<MemberRow | undefined> {
  const [member] = await tx.select().from(members).where(eq(members.id, memberId)).for("update");
  return member;
}

/**
 * Removes the member's personal data and keeps what bookkeeping needs: the ledger and its sums,
 * order amounts, coupon codes already honoured. The e-mail becomes a placeholder no mail can reach.
 */
export async function erasePersonalData(tx: Tx, member: MemberRow, now: Date): Promise<void> {
  const memberId = member.id;
  await tx
    .update(members)
    .set({
      email: `erased-${memberId}@erased.invalid`,
      emailVerified: null,
      name: null,
      image: null,
      shopCustomerId: null,
      birthday: null,
      locale: null,
      referralCode: null,
      memberNumber: null,
      pushMuted: [],
      erasedAt: now,
      updatedAt: now,
    })
    .where(eq(members.id, memberId));
  // Their discounts in the shop end too; one not created yet is never created (with an erased address).
  await endMemberShopDiscounts(tx, memberId, now);
  await tx.delete(accounts).where(eq(accounts.memberId, memberId));
  // Their wallet cards stay, marked changed: the wallet job then replaces each copy in the wallets by
  // one without their data (Apple: a voided pass, Google: an inactive object), which deleting the
  // rows would make impossible (the devices and Google's object would keep name, number and coupons).
  await markMemberWalletPassesChanged(tx, memberId);
  await tx.delete(pushSubscriptions).where(eq(pushSubscriptions.memberId, memberId));
  await tx.delete(notifications).where(eq(notifications.memberId, memberId));
  await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, member.email));
  await tx.delete(storefrontHandovers).where(eq(storefrontHandovers.memberId, memberId));
  await tx.delete(devMails).where(eq(devMails.to, member.email));
  // Reviews, photos and answers are their words: the decision and the points paid stay.
  await tx.update(taskSubmissions).set({ payload: {} }).where(eq(taskSubmissions.memberId, memberId));
  await tx.update(supportRequests).set({ message: null }).where(eq(supportRequests.memberId, memberId));
  // Their messages in support conversations, and the photos they attached (the files go after the commit).
  await tx
    .update(conversationMessages)
    .set({ body: "–", photoKey: null })
    .where(and(eq(conversationMessages.author, "shopper"), sql`${conversationMessages.conversationId} in (select id from conversations where member_id = ${memberId})`));
  await tx.update(referrals).set({ friendEmail: sql`'erased-' || ${referrals.id}::text` }).where(eq(referrals.friendId, memberId));
}

/** The member a shop platform means by its customer id, else by e-mail address (guests). */
export async function findShopCustomer(db: Database, customerId: string | null, email: string | null) {
  const byId = customerId ? await db.select().from(members).where(eq(members.shopCustomerId, customerId)) : [];
  if (byId[0]) return byId[0];
  return email ? ((await db.select().from(members).where(eq(members.email, email.toLowerCase())))[0] ?? null) : null;
}

/** Shoppers whose orders came from a platform's connector (what its shop/redact asks to erase). */
export async function membersFromPlatform(db: Database, platform: string): Promise<{ id: string; email: string }[]> {
  return db
    .selectDistinct({ id: members.id, email: members.email })
    .from(members)
    .innerJoin(orders, eq(orders.memberId, members.id))
    .innerJoin(connectorOrders, and(eq(connectorOrders.platform, platform), eq(connectorOrders.orderId, orders.shopOrderId)))
    .where(and(eq(members.role, "member"), isNull(members.erasedAt)));
}
