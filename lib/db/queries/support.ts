import "server-only";
import { asc, desc, eq } from "drizzle-orm";
import { ConsoleError } from "../../errors";
import type { Database } from "../connect";
import { ledgerEntries, members, supportRequests } from "../schema";
import { writeAudit, type AuditActor } from "./audit";
import { enqueueNotification } from "./notifications";

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

/**
 * Staff answer a request: optional points (an `adjust` row whose note is the reply, so the shopper
 * reads it in their history) and a reply shown with the request; the shopper gets a push if subscribed.
 */
export async function resolveSupportRequest(db: Database, actor: AuditActor, input: { requestId: string; points: number; reply: string }, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const [request] = await tx.select().from(supportRequests).where(eq(supportRequests.id, input.requestId)).for("update");
    if (!request) throw new ConsoleError("not-found", "requestNotFound");
    if (request.status === "resolved") throw new ConsoleError("conflict", "requestResolved");
    if (input.points > 0) {
      await tx.insert(ledgerEntries).values({
        memberId: request.memberId,
        delta: input.points,
        kind: "adjust",
        sourceRef: `support:${request.orderNumber}`,
        idempotencyKey: `support:${request.id}`,
        note: input.reply,
        actorId: actor.id,
        createdAt: now,
      });
    }
    await tx
      .update(supportRequests)
      .set({ status: "resolved", reply: input.reply, pointsGranted: input.points, resolvedBy: actor.id, resolvedAt: now })
      .where(eq(supportRequests.id, request.id));
    await enqueueNotification(tx, {
      memberId: request.memberId,
      category: "points",
      kind: "support_answered",
      params: { points: input.points, order: request.orderNumber },
      url: "/history",
      dedupeKey: `support:${request.id}`,
      at: now,
      channels: "push-or-email",
    });
    await writeAudit(tx, actor, "support.resolve", `member:${request.memberId}`, { request: request.id, status: request.status }, { request: request.id, status: "resolved", points: input.points, reply: input.reply }, now);
  });
}
