// The catalog's filter chips: which rewards each one shows. Pure.
import type { Availability } from "./rewards";

export const rewardFilters = ["all", "redeemable", "discount", "shipping", "product", "exclusive"] as const;
export type RewardFilter = (typeof rewardFilters)[number];

export function parseRewardFilter(value: string | undefined): RewardFilter {
  return rewardFilters.find((f) => f === value) ?? "all";
}

type Filterable = { reward: { kind: string; minTierId: string | null }; availability: Availability };

export function matchesFilter(filter: RewardFilter, { reward, availability }: Filterable): boolean {
  switch (filter) {
    case "all":
      return true;
    case "redeemable":
      return availability.ok;
    case "discount":
      return reward.kind === "amount_off" || reward.kind === "percent_off" || reward.kind === "points_off";
    case "shipping":
      return reward.kind === "free_shipping";
    case "product":
      return reward.kind === "free_product";
    case "exclusive":
      return reward.kind === "sale_access" || reward.minTierId !== null;
  }
}
