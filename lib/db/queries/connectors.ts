import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { open, seal } from "../secret-box";
import type { ConnectorPlatform, OrderFacts, Platform } from "../../loyalty/shop-platforms";
import type { Database, Tx } from "../connect";
import { connectorDeliveries, connectorOrders, connectorSettings, shopwareShops } from "../schema";

export type ConnectorSettings = { secret: string | null; secretHint: string | null; paidStatuses: string[] | null };

/** The platform's set-up as stored; the secret opened with the server's key. */
export async function getConnectorSettings(db: Database, platform: Platform, keySecret: string | undefined): Promise<ConnectorSettings> {
  const [row] = await db.select().from(connectorSettings).where(eq(connectorSettings.platform, platform));
  const secret = row?.secretCiphertext && keySecret ? open(row.secretCiphertext, keySecret) : null;
  return { secret, secretHint: row?.secretHint ?? null, paidStatuses: row?.paidStatuses ?? null };
}

/** The platform's stored set-up as the audit row describes it: the secret's hint and the discount choice. */
export async function connectorSettingsBefore(tx: Tx, platform: string) {
  const [row] = await tx
    .select({ hint: connectorSettings.secretHint, enabled: connectorSettings.discountsEnabled, adminUrl: connectorSettings.adminUrl })
    .from(connectorSettings)
    .where(eq(connectorSettings.platform, platform));
  return row;
}

type ConnectorSettingsValues = Partial<Pick<typeof connectorSettings.$inferInsert, "secretCiphertext" | "secretHint" | "paidStatuses" | "discountsEnabled" | "adminUrl" | "adminCredentialsCiphertext">>;

/** Creates the platform's settings row with `values`, or sets them on the one there. */
export async function upsertConnectorSettings(tx: Tx, platform: string, values: ConnectorSettingsValues): Promise<void> {
  await tx
    .insert(connectorSettings)
    .values({ platform, ...values })
    .onConflictDoUpdate({ target: connectorSettings.platform, set: { ...values, updatedAt: new Date() } });
}

/**
 * The facts kept of an order, if `shop` sent it: a Shopware shop's id ("" for the platforms with
 * one shop), so one registered shop never reads another's orders.
 */
export async function getOrderFacts(db: Database, platform: ConnectorPlatform, orderId: string, shop = ""): Promise<OrderFacts | null> {
  const [row] = await db.select().from(connectorOrders).where(and(eq(connectorOrders.platform, platform), eq(connectorOrders.orderId, orderId), eq(connectorOrders.shop, shop)));
  return row ? { orderId: row.orderId, taxesIncluded: row.taxesIncluded, grossCents: row.grossCents, netCents: row.netCents } : null;
}

/** Which shop an order's facts came from, if any were kept. */
export async function orderFactsShop(db: Database, platform: ConnectorPlatform, orderId: string): Promise<string | null> {
  const [row] = await db.select({ shop: connectorOrders.shop }).from(connectorOrders).where(and(eq(connectorOrders.platform, platform), eq(connectorOrders.orderId, orderId)));
  return row ? row.shop : null;
}

/**
 * Kept before the order's event is applied (first facts win), so a refund always finds them. The
 * order then belongs to `shop`: facts another shop sends for it later are not kept.
 */
export async function keepOrderFacts(db: Database, platform: ConnectorPlatform, facts: OrderFacts, shop = ""): Promise<void> {
  await db
    .insert(connectorOrders)
    .values({ platform, shop, orderId: facts.orderId, taxesIncluded: facts.taxesIncluded, grossCents: facts.grossCents, netCents: facts.netCents })
    .onConflictDoNothing();
}

export type DeliveryOutcome = (typeof connectorDeliveries.$inferInsert)["outcome"];

export async function recordDelivery(db: Database, delivery: { platform: ConnectorPlatform; deliveryId: string; topic: string; outcome: DeliveryOutcome; detail: string | null }): Promise<void> {
  await db.insert(connectorDeliveries).values({ ...delivery, detail: delivery.detail?.slice(0, 1_000) ?? null });
}

/** The latest deliveries, newest first (the Connections page shows 50). */
export async function listDeliveries(db: Database, platform: ConnectorPlatform, limit = 50) {
  return db.select().from(connectorDeliveries).where(eq(connectorDeliveries.platform, platform)).orderBy(desc(connectorDeliveries.receivedAt), desc(connectorDeliveries.id)).limit(limit);
}

export type ShopwareShop = { shopId: string; shopUrl: string; secret: string; confirmed: boolean };

/** A shop registering (again): a fresh per-shop secret replaces any earlier one until confirmed. */
export async function registerShopwareShop(db: Database, shop: { shopId: string; shopUrl: string; secret: string }, keySecret: string): Promise<void> {
  const sealed = seal(shop.secret, keySecret);
  await db
    .insert(shopwareShops)
    .values({ shopId: shop.shopId, shopUrl: shop.shopUrl, secretCiphertext: sealed })
    .onConflictDoUpdate({ target: shopwareShops.shopId, set: { shopUrl: shop.shopUrl, secretCiphertext: sealed, apiKeyCiphertext: null, secretKeyCiphertext: null, confirmedAt: null } });
}

export async function getShopwareShop(db: Database, shopId: string, keySecret: string): Promise<ShopwareShop | null> {
  const [row] = await db.select().from(shopwareShops).where(eq(shopwareShops.shopId, shopId));
  const secret = row ? open(row.secretCiphertext, keySecret) : null;
  return row && secret ? { shopId: row.shopId, shopUrl: row.shopUrl, secret, confirmed: row.confirmedAt !== null } : null;
}

/** The confirmation: the shop's Admin API credentials, sealed like every secret. */
export async function confirmShopwareShop(db: Database, shopId: string, credentials: { apiKey: string; secretKey: string }, keySecret: string): Promise<void> {
  await db
    .update(shopwareShops)
    .set({ apiKeyCiphertext: seal(credentials.apiKey, keySecret), secretKeyCiphertext: seal(credentials.secretKey, keySecret), confirmedAt: new Date() })
    .where(eq(shopwareShops.shopId, shopId));
}

/** The Admin API credentials a confirmed shop handed over, or null before its confirmation. */
export async function getShopwareCredentials(db: Database, shopId: string, keySecret: string): Promise<{ shopUrl: string; apiKey: string; secretKey: string } | null> {
  const [row] = await db.select().from(shopwareShops).where(eq(shopwareShops.shopId, shopId));
  const apiKey = row?.apiKeyCiphertext ? open(row.apiKeyCiphertext, keySecret) : null;
  const secretKey = row?.secretKeyCiphertext ? open(row.secretKeyCiphertext, keySecret) : null;
  return row && apiKey && secretKey ? { shopUrl: row.shopUrl, apiKey, secretKey } : null;
}

export async function listShopwareShops(db: Database) {
  return db.select({ shopId: shopwareShops.shopId, shopUrl: shopwareShops.shopUrl, confirmedAt: shopwareShops.confirmedAt, createdAt: shopwareShops.createdAt }).from(shopwareShops);
}

export type DiscountSettings = {
  platform: ConnectorPlatform;
  enabled: boolean;
  adminUrl: string | null;
  /** Opened with the server's key; null when none is stored or the key changed. */
  credentials: Record<string, string> | null;
};

/** Each connection's choice to create discounts in the shop, with the admin API access the console stored. */
export async function getDiscountSettings(db: Database, keySecret: string | undefined): Promise<DiscountSettings[]> {
  const rows = await db.select().from(connectorSettings);
  return rows.map((row) => {
    const opened = row.adminCredentialsCiphertext && keySecret ? open(row.adminCredentialsCiphertext, keySecret) : null;
    let credentials: Record<string, string> | null = null;
    try {
      credentials = opened ? (JSON.parse(opened) as Record<string, string>) : null;
    } catch {
      credentials = null;
    }
    return { platform: row.platform as ConnectorPlatform, enabled: row.discountsEnabled, adminUrl: row.adminUrl, credentials };
  });
}

/** The confirmed Shopware shop whose Admin API creates promotions (one deployment serves one shop). */
export async function confirmedShopwareShopId(db: Database): Promise<string | null> {
  const [row] = await db
    .select({ shopId: shopwareShops.shopId })
    .from(shopwareShops)
    .where(sql`${shopwareShops.confirmedAt} is not null`)
    .orderBy(desc(shopwareShops.confirmedAt))
    .limit(1);
  return row?.shopId ?? null;
}
