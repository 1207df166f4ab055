import "server-only";
// What a shop asks of one of its customers on its checkout and account pages (GET
// /api/v1/customers/:id, docs/api.md): balance and standing by the one tier rule.
import { tierStanding } from "../../loyalty/tier-standing";
import type { Database } from "../../db/connect";
import { getProgramConfig } from "../../db/queries/program";
import { readShopCustomer } from "../../db/queries/shop-events";
import { tierRef, type TierRef } from "./event-result";

export type ShopCustomerView = {
  member_id: string;
  balance: number;
  /** Benefits and the date the status is kept until are additions to docs/api.md's shape (additive only). */
  tier: (TierRef & { benefits: { free_shipping: boolean; exclusive_rewards: boolean; early_access: boolean }; kept_until: string | null }) | null;
  next_tier: (TierRef & { threshold_cents: number }) | null;
  qualifying_spend_cents: number;
};

export async function getShopCustomer(db: Database, shopCustomerId: string, now = new Date()): Promise<ShopCustomerView | null> {
  const config = await getProgramConfig(db);
  const member = await readShopCustomer(db, shopCustomerId, config.tierRule, now);
  if (!member) return null;
  const { tier, next, spendCents, keptUntil } = tierStanding(config.tierRule, config.tiers, member.orders, now, member.floor);
  return {
    member_id: member.id,
    balance: member.balance,
    tier: tier && {
      ...tierRef(tier)!,
      benefits: {
        free_shipping: tier.benefits.freeShipping ?? false,
        exclusive_rewards: tier.benefits.exclusiveRewards ?? false,
        early_access: tier.benefits.earlyAccess ?? false,
      },
      kept_until: keptUntil?.toISOString() ?? null,
    },
    next_tier: next ? { ...tierRef(next)!, threshold_cents: next.thresholdCents } : null,
    qualifying_spend_cents: spendCents,
  };
}
