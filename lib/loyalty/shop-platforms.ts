// The shop platforms Treue connects to, named once for the connectors (lib/connectors) and the
// rows that remember them (lib/db): the database keeps a platform's settings, orders and discounts.

/** Platforms whose webhooks are signed with a secret the shop owner pastes (Console → Connections). */
export const platforms = ["shopify", "woocommerce"] as const;
export type Platform = (typeof platforms)[number];
/** Every connector, Shopware included (its per-shop secrets come from the app registration). */
export type ConnectorPlatform = Platform | "shopware";

/** What Treue keeps of a platform's order to take refunds back at the right share. */
export type OrderFacts = { orderId: string; taxesIncluded: boolean; grossCents: number; netCents: number };
