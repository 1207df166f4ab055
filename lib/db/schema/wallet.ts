// The member's card in Apple Wallet and Google Wallet, and the devices that hold it. (lib/db/schema/index.ts gathers every part.)
import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { members } from "./members";

export const walletPlatforms = ["apple", "google"] as const;
export type WalletPlatform = (typeof walletPlatforms)[number];

/**
 * One member's card on one wallet platform, made when the member first adds it. What the card
 * shows (balance, tier, coupons) changing bumps `changed_at` (triggers in migration 0025 on
 * members and coupons), so every writer of a balance or a coupon marks the card without knowing
 * about wallets; the wallet job pushes each card whose `changed_at` is past `pushed_at`, once.
 */
export const walletPasses = pgTable(
  "wallet_passes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    platform: text("platform", { enum: walletPlatforms }).notNull(),
    /** Apple's serial number, Google's object id suffix: random, never the member's id. */
    serial: text("serial").notNull().unique(),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
    /** The `changed_at` the last push announced (null: nothing pushed yet). */
    pushedAt: timestamp("pushed_at", { withTimezone: true }),
    /** A worker's lease on the push in flight: others skip the card until then. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /** Google answered that the shopper never saved (or removed) the object: nothing to update. */
    goneAt: timestamp("gone_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("wallet_passes_member_platform").on(t.memberId, t.platform),
    check("wallet_passes_platform_known", sql`${t.platform} in ('apple', 'google')`),
    index("wallet_passes_due_idx").on(t.changedAt).where(sql`${t.pushedAt} is null or ${t.changedAt} > ${t.pushedAt}`),
  ],
);

/** A device that registered for a pass's updates through Apple's PassKit web service. */
export const walletDevices = pgTable(
  "wallet_devices",
  {
    deviceLibraryId: text("device_library_id").notNull(),
    serial: text("serial")
      .notNull()
      .references(() => walletPasses.serial, { onDelete: "cascade" }),
    pushToken: text("push_token").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.deviceLibraryId, t.serial] }), index("wallet_devices_serial_idx").on(t.serial)],
);
