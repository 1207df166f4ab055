// The platforms (Shopify, WooCommerce, Shopware 6): settings, registered shops, order facts, deliveries. (lib/db/schema/index.ts gathers every part.)
import { bigserial, boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { members } from "./members";

/** A platform connector's set-up: the webhook secret (encrypted, lib/db/secret-box.ts) and options. */
export const connectorSettings = pgTable("connector_settings", {
  platform: text("platform").primaryKey(),
  secretCiphertext: text("secret_ciphertext"),
  /** The secret's last four characters, so staff recognise it without ever seeing it again. */
  secretHint: text("secret_hint"),
  /** WooCommerce: the order statuses that count as paid. */
  paidStatuses: text("paid_statuses").array(),
  /** The shop's admin API for discounts: its base URL and credentials (JSON, sealed like the secret). */
  adminUrl: text("admin_url"),
  adminCredentialsCiphertext: text("admin_credentials_ciphertext"),
  /** Redeemed rewards become discounts in this shop (the owner's choice in Connections). */
  discountsEnabled: boolean("discounts_enabled").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A Shopware shop that installed the Treue app: its per-shop secret and Admin API credentials, sealed. */
export const shopwareShops = pgTable("shopware_shops", {
  shopId: text("shop_id").primaryKey(),
  shopUrl: text("shop_url").notNull(),
  secretCiphertext: text("secret_ciphertext").notNull(),
  apiKeyCiphertext: text("api_key_ciphertext"),
  secretKeyCiphertext: text("secret_key_ciphertext"),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  createdAt: createdAt(),
});

/**
 * What a connector kept of a platform's order when it earned: refunds are taken back at its shares.
 * An order id belongs to the one shop that first sent it (`shop`: the Shopware shop id; "" for
 * platforms with one shop per deployment), and only that shop's webhooks read its facts.
 */
export const connectorOrders = pgTable(
  "connector_orders",
  {
    platform: text("platform").notNull(),
    shop: text("shop").notNull().default(""),
    orderId: text("order_id").notNull(),
    taxesIncluded: boolean("taxes_included").notNull(),
    grossCents: integer("gross_cents").notNull(),
    netCents: integer("net_cents").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.orderId] })],
);

/** Each webhook a platform delivered and what became of it (the console's Connections page). */
export const connectorDeliveries = pgTable(
  "connector_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    platform: text("platform").notNull(),
    /** The platform's delivery id (Shopify X-Shopify-Webhook-Id, WooCommerce X-WC-Webhook-Delivery-ID). */
    deliveryId: text("delivery_id").notNull(),
    topic: text("topic").notNull(),
    outcome: text("outcome", { enum: ["applied", "duplicate", "ignored", "rejected", "failed", "ping", "test"] }).notNull(),
    detail: text("detail"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("connector_deliveries_recent_idx").on(t.platform, t.receivedAt)],
);

/**
 * The shop API's shared secret when the console manages it (TREUE_SHOP_SECRET unset): one row,
 * sealed like the connectors' secrets. A rotated-out secret stays in `previous_*` and still
 * verifies until `previous_valid_until`, so a shop can switch without losing events.
 */
export const shopApiSecret = pgTable("shop_api_secret", {
  id: text("id").primaryKey().default("default"),
  secretCiphertext: text("secret_ciphertext").notNull(),
  /** The secret's last four characters, so staff recognise it without ever seeing it again. */
  secretHint: text("secret_hint").notNull(),
  setBy: uuid("set_by").references(() => members.id, { onDelete: "set null" }),
  setAt: timestamp("set_at", { withTimezone: true }).notNull().defaultNow(),
  previousCiphertext: text("previous_ciphertext"),
  previousHint: text("previous_hint"),
  previousValidUntil: timestamp("previous_valid_until", { withTimezone: true }),
});

/**
 * Deliveries to POST /api/v1/events that applied nothing new (a duplicate, a refusal after the
 * signature checked out, the console's test event). Applied events are the shop events themselves
 * (shop_events), so the hot path writes nothing more; Connections lists both.
 */
export const shopApiDeliveries = pgTable(
  "shop_api_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    outcome: text("outcome", { enum: ["duplicate", "refused", "test"] }).notNull(),
    /** The HTTP status the shop was answered. */
    status: integer("status").notNull(),
    detail: text("detail"),
    /** When it was last received: a replayed event or a repeated refusal folds into its row. */
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    /** How often this event id got this outcome (a shop replaying an event a thousand times is one row). */
    count: integer("count").notNull().default(1),
  },
  (t) => [index("shop_api_deliveries_recent_idx").on(t.receivedAt), uniqueIndex("shop_api_deliveries_event_outcome_idx").on(t.eventId, t.outcome)],
);
