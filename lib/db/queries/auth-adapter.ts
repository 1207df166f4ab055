import "server-only";
import { and, eq } from "drizzle-orm";
import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import type { Database } from "../connect";
import { isUuid } from "../../validations/ids";
import { accounts, members, verificationTokens } from "../schema";
import type { MemberRole } from "../../loyalty/roles";

type MemberRow = typeof members.$inferSelect;

function toAdapterUser(m: MemberRow): AdapterUser {
  return { id: m.id, email: m.email, emailVerified: m.emailVerified, name: m.name, image: m.image };
}

export type IdentityMatch = { role: MemberRole; email: string } | null;

/**
 * Who a sign-in through an identity provider would reach: the member its account is linked to,
 * and the member with its e-mail address (the one a first sign-in would link to).
 */
export async function identityTargets(
  db: Database,
  input: { provider: string; providerAccountId: string; email: string | null | undefined },
): Promise<{ linked: IdentityMatch; byEmail: IdentityMatch }> {
  const [linked] = await db
    .select({ role: members.role, email: members.email })
    .from(accounts)
    .innerJoin(members, eq(accounts.memberId, members.id))
    .where(and(eq(accounts.provider, input.provider), eq(accounts.providerAccountId, input.providerAccountId)));
  const [byEmail] = input.email ? await db.select({ role: members.role, email: members.email }).from(members).where(eq(members.email, input.email.toLowerCase())) : [];
  return { linked: linked ?? null, byEmail: byEmail ?? null };
}

/**
 * next-auth's users are Treue's members. Looking members up by lower-cased e-mail is what
 * lets a shopper claim the member a shop event created before they ever signed in.
 */
export function memberAdapter(getDb: () => Promise<Database>): Adapter {
  return {
    async createUser(user: Omit<AdapterUser, "id">) {
      const db = await getDb();
      const email = user.email.toLowerCase();
      // Upsert: a shop event may have created this member between lookup and insert.
      const [row] = await db
        .insert(members)
        .values({ email, name: user.name ?? null, image: user.image ?? null, emailVerified: user.emailVerified })
        .onConflictDoUpdate({ target: members.email, set: { emailVerified: user.emailVerified, updatedAt: new Date() } })
        .returning();
      return toAdapterUser(row!);
    },
    async getUser(id) {
      if (!isUuid(id)) return null;
      const db = await getDb();
      const [row] = await db.select().from(members).where(eq(members.id, id));
      return row ? toAdapterUser(row) : null;
    },
    async getUserByEmail(email) {
      const db = await getDb();
      const [row] = await db.select().from(members).where(eq(members.email, email.toLowerCase()));
      return row ? toAdapterUser(row) : null;
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const db = await getDb();
      const [row] = await db
        .select({ member: members })
        .from(accounts)
        .innerJoin(members, eq(accounts.memberId, members.id))
        .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)));
      return row ? toAdapterUser(row.member) : null;
    },
    async updateUser(user) {
      const db = await getDb();
      const [row] = await db
        .update(members)
        .set({
          ...(user.email !== undefined && { email: user.email.toLowerCase() }),
          ...(user.emailVerified !== undefined && { emailVerified: user.emailVerified }),
          // A shopper's own name wins over what an identity provider sends later.
          ...(user.image !== undefined && { image: user.image }),
          updatedAt: new Date(),
        })
        .where(eq(members.id, user.id))
        .returning();
      if (!row) throw new Error("member not found");
      return toAdapterUser(row);
    },
    async linkAccount(account: AdapterAccount) {
      const db = await getDb();
      await db
        .insert(accounts)
        .values({
          memberId: account.userId,
          type: account.type,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          refreshToken: account.refresh_token ?? null,
          accessToken: account.access_token ?? null,
          expiresAt: account.expires_at ?? null,
          tokenType: account.token_type ?? null,
          scope: account.scope ?? null,
          idToken: account.id_token ?? null,
          sessionState: typeof account.session_state === "string" ? account.session_state : null,
        })
        .onConflictDoNothing();
    },
    async unlinkAccount({ provider, providerAccountId }: Pick<AdapterAccount, "provider" | "providerAccountId">) {
      const db = await getDb();
      await db
        .delete(accounts)
        .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)));
    },
    async createVerificationToken(token) {
      const db = await getDb();
      await db.insert(verificationTokens).values(token);
      return token;
    },
    async useVerificationToken({ identifier, token }) {
      const db = await getDb();
      // Delete-returning makes a link single-use even when clicked twice at once.
      const [row] = await db
        .delete(verificationTokens)
        .where(and(eq(verificationTokens.identifier, identifier), eq(verificationTokens.token, token)))
        .returning();
      return row ?? null;
    },
  };
}
