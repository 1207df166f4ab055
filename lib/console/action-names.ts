// Every console action by the name the browser posts to, with the capability it needs. Pure, so
// the e2e test that walks every action with a shopper's session reads the same list.
import type { Capability } from "../loyalty/roles";

export const consoleActionCapability = {
  "members.adjust": "members.adjust",
  "coupons.cancel": "members.adjust",
  "coupons.reissue": "members.adjust",
  "support.resolve": "support",
  "members.erase": "members.privacy",
  "program.earn-rule": "program.edit",
  "program.tiers": "program.edit",
  "program.settings": "program.edit",
  "program.import": "program.edit",
  "program.setup": "program.edit",
  "program.launch": "program.edit",
  "rewards.save": "program.edit",
  "tasks.save": "program.edit",
  "program.challenges": "program.edit",
  "journeys.save": "program.edit",
  "campaigns.preview": "program.edit",
  "campaigns.create": "program.edit",
  "campaigns.cancel": "program.edit",
  "rewards.codes": "program.edit",
  "connectors.secret": "program.edit",
  "connectors.paid-statuses": "program.edit",
  "connectors.test": "program.edit",
  "connectors.discounts": "program.edit",
  "connectors.discount-check": "program.edit",
  "shop-api.secret": "program.edit",
  "shop-api.test": "program.edit",
  "shop-api.secret-delete": "program.edit",
  "storefront.add-origin": "program.edit",
  "storefront.remove-origin": "program.edit",
  "moderation.decide": "moderate",
  "staff.invite": "staff.manage",
  "staff.role": "staff.manage",
  "jobs.retry": "operations",
  "till.book": "till",
  "till.redeem": "till",
} as const satisfies Record<string, Capability>;

export type ConsoleActionName = keyof typeof consoleActionCapability;
export const consoleActionNames = Object.keys(consoleActionCapability) as ConsoleActionName[];
