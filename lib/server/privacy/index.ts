// A member's data on request (GDPR): the export, and the erasure that keeps what bookkeeping needs.
import "server-only";
import type { Database } from "../../db/connect";
import { writeAudit, type AuditActor } from "../../db/queries/audit";
import { erasePersonalData, lockMember, memberDataOf } from "../../db/queries/privacy";
import { ownedPhotoKeys } from "../../db/queries/tasks";
import { conversationPhotoKeys } from "../../db/queries/conversations";
import { ConsoleError } from "../../errors";

/**
 * Everything Treue holds about one member, as one JSON document (GDPR Art. 15 and 20). Reading it
 * is logged, like every look at personal data a member may ask about.
 */
export async function exportMemberData(db: Database, actor: AuditActor, memberId: string, now = new Date()) {
  const data = await memberDataOf(db, memberId, now);
  if (!data) return null;
  await writeAudit(db, actor, "member.export", `member:${memberId}`, null, { exportedAt: now.toISOString() }, now);
  return data;
}

/**
 * Erases a member's personal data on request (GDPR Art. 17) and keeps what bookkeeping needs:
 * the ledger and its sums, order amounts, coupon codes already honoured. The account can no
 * longer sign in; its e-mail becomes a placeholder no mail can reach.
 */
export async function eraseMember(db: Database, actor: AuditActor, memberId: string, confirmEmail: string, now = new Date()): Promise<{ photoKeys: string[] }> {
  return db.transaction(async (tx) => {
    const member = await lockMember(tx, memberId);
    if (!member) throw new ConsoleError("not-found", "memberNotFound");
    if (member.erasedAt) throw new ConsoleError("conflict", "alreadyErased");
    if (member.email !== confirmEmail.trim().toLowerCase()) throw new ConsoleError("refused", "eraseConfirm", {}, { pointer: "/confirmEmail" });
    if (member.role !== "member") throw new ConsoleError("refused", "eraseStaff");
    const photoKeys = [...(await ownedPhotoKeys(tx, memberId)), ...(await conversationPhotoKeys(tx, memberId))];
    await erasePersonalData(tx, member, now);
    await writeAudit(tx, actor, "member.erase", `member:${memberId}`, { erased: false }, { erased: true, at: now.toISOString() }, now);
    // The photo files go after commit (the caller removes them): a rollback must not lose them.
    return { photoKeys };
  });
}
