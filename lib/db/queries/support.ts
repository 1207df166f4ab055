import "server-only";
import { asc, desc, eq } from "drizzle-orm";
import type { Database, Tx } from "../connect";
import { ledgerEntries, members, supportRequests } from "../schema";

export type SupportRequest = typeof supportRequests.$inferSelect;

/** "Punkte fehlen?": one open request per member and order number; sending it again changes nothing. */
export async function createSupportRequest(db: Database, memberId: string, input: { orderNumber: string; orderDate: string; message?: string | undefined }, now = new Date()): Promise<"created" | "duplicate"> {
  const inserted = await db
    .insert(supportRequests)
    .values({ memberId, orderNumber: input.orderNumber, orderDate: input.orderDate, message: input.message || null, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: supportRequests.id });
  return inserted.length > 0 ? "created" : "duplicate";
}

export async function listMemberSupportRequests(db: Database, memberId: string): Promise<SupportRequest[]> {
  return db.select().from(supportRequests).where(eq(supportRequests.memberId, memberId)).orderBy(desc(supportRequests.createdAt));
}

/** The queue: open requests oldest first, or the latest resolved ones. */
export async function listSupportQueue(db: Database, status: "open" | "resolved", limit = 100) {
  return db
    .select({ request: supportRequests, email: members.email, name: members.name, shopCustomerId: members.shopCustomerId })
    .from(supportRequests)
    .innerJoin(members, eq(members.id, supportRequests.memberId))
    .where(eq(supportRequests.status, status))
    .orderBy(status === "open" ? asc(supportRequests.createdAt) : desc(supportRequests.resolvedAt))
    .limit(limit);
}

/** The request, locked for the rest of the transaction. */
export async function lockSupportRequest(tx: Tx, requestId: string): Promise<SupportRequest | undefined> {
  const [request] = await tx.select().from(supportRequests).where(eq(supportRequests.id, requestId)).for("update");
  return request;
}

/** Points granted on a request: an `adjust` row whose note is the reply, so the shopper reads it in their history. */
export async function creditSupportPoints(tx: Tx, request: SupportRequest, points: number, reply: string, actorId: string | null, now: Date): Promise<void> {
  await tx.insert(ledgerEntries).values({
    memberId: request.memberId,
    delta: points,
    kind: "adjust",
    sourceRef: `support:${request.orderNumber}`,
    idempotencyKey: `support:${request.id}`,
    note: reply,
    actorId,
    createdAt: now,
  });
}

export async function markSupportResolved(tx: Tx, requestId: string, answer: { reply: string; pointsGranted: number; resolvedBy: string | null; resolvedAt: Date }): Promise<void> {
  await tx.update(supportRequests).set({ status: "resolved", ...answer }).where(eq(supportRequests.id, requestId));
}
