// Who may see a task photo, and which photo files a member owns.
import "server-only";
import { can, type MemberRole } from "../../../loyalty/roles";
import { and, asc, eq, isNotNull, ne, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database, Tx } from "../../connect";
import { taskSubmissions } from "../../schema";

const photoKey = sql<string>`${taskSubmissions.payload}->>'key'`;

/**
 * Photos are private: their owner and staff who moderate or serve members may see them. The
 * owner is whoever submitted the key first; a later submission naming the same key (one made
 * before photo answers had to be uploads) grants nothing.
 */
export async function canSeePhoto(db: Database, viewer: { id: string; role: MemberRole }, key: string): Promise<boolean> {
  if (can(viewer.role, "moderate") || can(viewer.role, "members.read")) return true;
  const [first] = await db
    .select({ memberId: taskSubmissions.memberId })
    .from(taskSubmissions)
    .where(and(eq(taskSubmissions.kind, "photo_upload"), sql`${photoKey} = ${key}`))
    .orderBy(asc(taskSubmissions.createdAt), asc(taskSubmissions.id))
    .limit(1);
  return first?.memberId === viewer.id;
}

/** The photo files a member owns (first to submit each key): what erasing the member deletes, and nothing of anyone else's. */
export async function ownedPhotoKeys(db: Database | Tx, memberId: string): Promise<string[]> {
  const earlier = alias(taskSubmissions, "earlier");
  const rows = await db
    .select({ key: photoKey })
    .from(taskSubmissions)
    .where(
      and(
        eq(taskSubmissions.memberId, memberId),
        eq(taskSubmissions.kind, "photo_upload"),
        isNotNull(photoKey),
        notExists(
          db
            .select({ one: sql`1` })
            .from(earlier)
            .where(
              and(
                eq(earlier.kind, "photo_upload"),
                ne(earlier.memberId, memberId),
                sql`${earlier.payload}->>'key' = ${photoKey}`,
                sql`(${earlier.createdAt}, ${earlier.id}) < (${taskSubmissions.createdAt}, ${taskSubmissions.id})`,
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(taskSubmissions.createdAt));
  return rows.map((r) => r.key);
}
