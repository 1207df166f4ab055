import "server-only";
// The shop API's secret as the console keeps it: sealed (lib/db/secret-box.ts), its last
// four characters shown again, the one it replaced kept until its grace period ends. Which of them
// verify a request is decided in lib/shop-api/shop-secret.ts, the one lookup every verifier uses.
import { eq, sql } from "drizzle-orm";
import { open } from "../secret-box";
import type { Database, Tx } from "../connect";
import { members, shopApiSecret } from "../schema";

const ROW = "default";

export type StoredShopApiSecret = {
  /** Opened with the server's key; null when it was sealed under another key. */
  secret: string | null;
  hint: string;
  setAt: Date;
  setBy: { email: string; name: string | null } | null;
  previous: { secret: string | null; hint: string | null; validUntil: Date } | null;
};

/** The stored secret, or null when the console never set one. */
export async function readShopApiSecret(db: Database, keySecret: string | undefined): Promise<StoredShopApiSecret | null> {
  const [row] = await db
    .select({ secret: shopApiSecret, setByEmail: members.email, setByName: members.name })
    .from(shopApiSecret)
    .leftJoin(members, eq(members.id, shopApiSecret.setBy))
    .where(eq(shopApiSecret.id, ROW));
  if (!row) return null;
  const { secret: s } = row;
  const opened = (sealed: string | null) => (sealed && keySecret ? open(sealed, keySecret) : null);
  return {
    secret: opened(s.secretCiphertext),
    hint: s.secretHint,
    setAt: s.setAt,
    setBy: row.setByEmail ? { email: row.setByEmail, name: row.setByName } : null,
    previous: s.previousCiphertext && s.previousValidUntil ? { secret: opened(s.previousCiphertext), hint: s.previousHint, validUntil: s.previousValidUntil } : null,
  };
}

/** Waits for any other change of the secret (a lock for the transaction), then reads the row for update. */
export async function lockShopApiSecret(tx: Tx) {
  // FOR UPDATE locks nothing while the table is empty: two first-time creates would both see no
  // secret and the second would overwrite the first with no grace. The advisory lock makes the
  // second wait and then rotate the first properly.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('shop_api_secret'))`);
  const [before] = await tx.select().from(shopApiSecret).where(eq(shopApiSecret.id, ROW)).for("update");
  return before ?? null;
}

export type ShopApiSecretRow = typeof shopApiSecret.$inferInsert;

export async function upsertShopApiSecret(tx: Tx, values: Omit<ShopApiSecretRow, "id">): Promise<void> {
  await tx.insert(shopApiSecret).values({ id: ROW, ...values }).onConflictDoUpdate({ target: shopApiSecret.id, set: values });
}

/** The hint of the secret deleted, or null when none was stored. */
export async function deleteShopApiSecretRow(tx: Tx): Promise<string | null> {
  const [gone] = await tx.delete(shopApiSecret).where(eq(shopApiSecret.id, ROW)).returning({ hint: shopApiSecret.secretHint });
  return gone?.hint ?? null;
}
