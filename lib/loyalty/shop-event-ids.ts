// The event ids the platform connectors give the events they apply (lib/connectors/*) start with
// their platform's name. They share shop_events with the shop API's events, whose ids are the
// shop's own: an id with such a prefix sent to the shop API could take a connector's real event's
// place (the real one would then be answered as a duplicate), so the shop API refuses it.

import { STORE_ID_PREFIX } from "./till";

export const CONNECTOR_EVENT_ID_PREFIXES = ["shopify:", "woocommerce:", "shopware:"] as const;

/** The reserved prefix an event id starts with, or null when the shop may use it. */
export function reservedEventIdPrefix(id: string): (typeof CONNECTOR_EVENT_ID_PREFIXES)[number] | null {
  return CONNECTOR_EVENT_ID_PREFIXES.find((prefix) => id.startsWith(prefix)) ?? null;
}

/**
 * Ids the shop's till makes for a purchase booked in the store (lib/loyalty/till.ts): an event or
 * order id of the shop API or a platform starting with it could take a booked receipt's place, or
 * count an online order as bought in the store, so both refuse it: whether an id is one only the till may make.
 */
export function isStoreId(id: string): boolean {
  return id.startsWith(STORE_ID_PREFIX);
}
