import "server-only";
// Which shop creates the discounts, and the calls themselves: the redemption's first try (the
// shopper waits for the code) and the job queue's retries run the same claim → call → settle.
import type { Database } from "../../db/connect";
import { confirmedShopwareShopId, getDiscountSettings, getShopwareCredentials } from "../../db/queries/connectors";
import {
  claimDueShopDiscounts,
  couponShopState,
  recordShopCheck,
  recordShopDiscountCall,
  type DueShopDiscount,
  type ShopCallOutcome,
} from "../../db/queries/shop-discounts";
import { env } from "../../env";
import { guardedFetch } from "../../http/guarded-fetch";
import type { RewardKind } from "../../loyalty/rewards";
import type { ConnectorPlatform } from "../types";
import { shopifyDiscounts } from "./shopify";
import { recordShopDiscountEnded, settleShopDiscount } from "./settle";
import { shopwareDiscounts } from "./shopware";
import { DISCOUNT_KINDS, type DiscountAdapter, type ShopDiscount } from "./types";
import { wooCommerceDiscounts } from "./woocommerce";

/** When several connections could create discounts, the first of these does. */
const PRECEDENCE: readonly ConnectorPlatform[] = ["shopify", "woocommerce", "shopware"];

/** The adapter of each connection that creates discounts (configuration first, then the console). */
export async function discountAdapters(db: Database): Promise<Map<ConnectorPlatform, DiscountAdapter>> {
  const config = env();
  const stored = new Map((await getDiscountSettings(db, config.encryptionKey)).map((s) => [s.platform, s]));
  const adapters = new Map<ConnectorPlatform, DiscountAdapter>();
  // Addresses typed into the console are called on public addresses only (tests run stand-ins on loopback).
  const fetchImpl = guardedFetch({ privateNetwork: config.shopPrivateNetwork || process.env.NODE_ENV === "test" });
  const shopify: Record<string, string> | null = config.shopAdmin.shopify ?? fromConsole(stored.get("shopify"), ["accessToken"]);
  if (shopify) adapters.set("shopify", shopifyDiscounts({ adminUrl: shopify.adminUrl!, accessToken: shopify.accessToken!, fetchImpl }));
  const woo: Record<string, string> | null = config.shopAdmin.woocommerce ?? fromConsole(stored.get("woocommerce"), ["consumerKey", "consumerSecret"]);
  if (woo) adapters.set("woocommerce", wooCommerceDiscounts({ adminUrl: woo.adminUrl!, consumerKey: woo.consumerKey!, consumerSecret: woo.consumerSecret!, fetchImpl }));
  if (stored.get("shopware")?.enabled && config.encryptionKey) {
    const shopId = await confirmedShopwareShopId(db);
    const credentials = shopId ? await getShopwareCredentials(db, shopId, config.encryptionKey) : null;
    if (credentials) adapters.set("shopware", shopwareDiscounts(credentials));
  }
  return adapters;
}

function fromConsole(settings: { enabled: boolean; adminUrl: string | null; credentials: Record<string, string> | null } | undefined, fields: string[]): Record<string, string> | null {
  if (!settings?.enabled || !settings.adminUrl || !settings.credentials || !fields.every((f) => settings.credentials![f])) return null;
  return { ...settings.credentials, adminUrl: settings.adminUrl };
}

/**
 * Which connection makes a redemption of a reward into a discount in the shop, or null: today's
 * behaviour (Treue's code, checked over the shop API). A pool code is the shop's own already.
 */
export function discountChooser(adapters: Map<ConnectorPlatform, DiscountAdapter>): (reward: { kind: RewardKind; usesCodePool: boolean; category: string | null }) => ConnectorPlatform | null {
  return (reward) => (reward.usesCodePool ? null : (PRECEDENCE.find((p) => adapters.has(p) && canExpress(p, reward)) ?? null));
}

/** Shopify limits discounts by collection, not by Treue's category: such a reward keeps Treue's own code there. */
function canExpress(platform: ConnectorPlatform, reward: { kind: RewardKind; category: string | null }): boolean {
  return DISCOUNT_KINDS[platform].includes(reward.kind) && !(platform === "shopify" && reward.category);
}

function discountOf(due: DueShopDiscount, currency: string): ShopDiscount {
  return {
    code: due.code,
    title: `Treue: ${due.terms.name.de}`,
    kind: due.terms.kind,
    valueCents: due.terms.valueCents,
    percentOff: due.terms.percentOff,
    sku: due.terms.sku,
    minOrderCents: due.terms.minOrderCents,
    category: due.category,
    currency,
    startsAt: due.issuedAt,
    endsAt: due.expiresAt,
    customer: { email: due.email, shopCustomerId: due.shopCustomerId },
  };
}

async function call(adapter: DiscountAdapter | undefined, due: DueShopDiscount, currency: string): Promise<ShopCallOutcome> {
  // Switched off, access removed or the server's key changed: perhaps for a moment, so tried again
  // like a shop that is down (the last try gives the points back).
  if (!adapter) return { ok: false, retry: true, reason: `the ${due.platform} connection has no working admin access (switched off, access removed, or the server's key changed)` };
  try {
    if (due.status === "pending") {
      const created = await adapter.create(discountOf(due, currency));
      return created.ok ? { ok: true, externalId: created.externalId } : created;
    }
    if (!due.externalId) return { ok: true };
    const disabled = await adapter.disable(due.externalId);
    return disabled.ok ? { ok: true } : disabled;
  } catch (error) {
    // An adapter's own failure (a bug, not the shop's answer): tried again like a shop that is down.
    return { ok: false, retry: true, reason: `the call failed: ${(error as Error).message}`.slice(0, 300) };
  }
}

/**
 * Asks the shops about every coupon that is due (or the one `couponId`), one at a time per coupon,
 * several coupons at once. Returns how many calls ended in each outcome.
 */
export async function processShopDiscounts(
  db: Database,
  now: () => Date,
  { couponId, limit = 20, currency, adapters: known }: { couponId?: string; limit?: number; currency: string; adapters?: Map<ConnectorPlatform, DiscountAdapter> },
) {
  const due = await claimDueShopDiscounts(db, now(), { limit, ...(couponId && { couponId }) });
  if (due.length === 0) return { created: 0, disabled: 0, retrying: 0, failed: 0 };
  // The redemption's first try has them already: the connections are read and opened once.
  const adapters = known ?? (await discountAdapters(db));
  const report = { created: 0, disabled: 0, retrying: 0, failed: 0 };
  await Promise.all(
    due.map(async (item) => {
      const started = performance.now();
      const outcome = await call(adapters.get(item.platform), item, currency);
      const status = await settleShopDiscount(db, item, outcome, performance.now() - started, now());
      if (!outcome.ok) report[status === "failed" || (status === "disabling" && !outcome.retry) ? "failed" : "retrying"] += 1;
      else report[item.status === "pending" ? "created" : "disabled"] += 1;
    }),
  );
  return report;
}

/** Console → Connections' "check": a harmless read with the stored access, kept with the calls. */
export async function checkDiscountAccess(db: Database, platform: ConnectorPlatform): Promise<{ ok: boolean; detail: string }> {
  const adapter = (await discountAdapters(db)).get(platform);
  if (!adapter) return { ok: false, detail: "no admin access is set for this connection" };
  const started = performance.now();
  const answer = await adapter.check().catch((error: Error) => ({ ok: false as const, retry: true, reason: error.message }));
  const result = answer.ok ? { ok: true, detail: answer.detail } : { ok: false, detail: answer.reason };
  await recordShopCheck(db, platform, result.ok, result.detail, performance.now() - started);
  return result;
}

/** How long support waits for the shop to end a discount before a withdrawal is refused. */
const END_NOW_TIMEOUT_MS = 8_000;

/**
 * Before support cancels or reissues a coupon whose discount is live in the shop: the shop ends it
 * first, so the points never come back (or a new code appear) while the old code still works there.
 * A shop that cannot be reached refuses the withdrawal for now, with the reason.
 */
export async function endShopDiscountNow(db: Database, couponId: string, now: Date): Promise<{ ok: true } | { ok: false; reason: string }> {
  const state = await couponShopState(db, couponId);
  if (!state || state.usedAt || !state.platform || !state.discountId || (state.status !== "created" && state.status !== "disabling")) return { ok: true };
  // Past its end date the discount no longer works in the shop either; the job ends it there.
  if (state.expiresAt <= now) return { ok: true };
  const platform = state.platform as ConnectorPlatform;
  const adapter = (await discountAdapters(db)).get(platform);
  if (!adapter) return { ok: false, reason: `the ${platform} connection has no working admin access` };
  const started = performance.now();
  const timeout = new Promise<{ ok: false; retry: true; reason: string }>((resolve) => setTimeout(() => resolve({ ok: false, retry: true, reason: "the shop did not answer in time" }), END_NOW_TIMEOUT_MS));
  const answer = await Promise.race([adapter.disable(state.discountId).catch((error: Error) => ({ ok: false as const, retry: true, reason: error.message })), timeout]);
  const durationMs = performance.now() - started;
  if (answer.ok) {
    await recordShopDiscountEnded(db, couponId, platform, "ended before support withdrew the coupon", durationMs, new Date());
    return { ok: true };
  }
  await recordShopDiscountCall(db, { platform, couponId, action: "disable", outcome: answer.retry ? "retry" : "refused", detail: answer.reason, durationMs }, new Date());
  return { ok: false, reason: answer.reason };
}
