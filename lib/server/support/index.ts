// Support answers a shopper's "points missing?" request.
import "server-only";
import type { Database } from "../../db/connect";
import { writeAudit, type AuditActor } from "../../db/queries/audit";
import { enqueueNotification } from "../../db/queries/notifications";
import { creditSupportPoints, lockSupportRequest, markSupportResolved } from "../../db/queries/support";
import { ConsoleError } from "../../errors";

/**
 * Staff answer a request: optional points (an `adjust` row whose note is the reply, so the shopper
 * reads it in their history) and a reply shown with the request; the shopper gets a push if subscribed.
 */
export async function resolveSupportRequest(db: Database, actor: AuditActor, input: { requestId: string; points: number; reply: string }, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const request = await lockSupportRequest(tx, input.requestId);
    if (!request) throw new ConsoleError("not-found", "requestNotFound");
    if (request.status === "resolved") throw new ConsoleError("conflict", "requestResolved");
    if (input.points > 0) await creditSupportPoints(tx, request, input.points, input.reply, actor.id, now);
    await markSupportResolved(tx, request.id, { reply: input.reply, pointsGranted: input.points, resolvedBy: actor.id, resolvedAt: now });
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
