// The shop's till (Console → Kasse): the names an in-store purchase gets. A purchase booked at the
// till is an order like any other (it earns by lib/loyalty/order-credit.ts through the shop's own
// order path); its id says where it was bought and on which receipt, so the same receipt of the
// same store can be booked once only. Pure: no I/O.

/** Every order and event id a till makes starts with this; the shop API and the webhooks refuse it. */
export const STORE_ID_PREFIX = "store:";

export const STORE_NAME_MAX = 60;
export const RECEIPT_MAX = 40;

/**
 * The store's name as an id part: lower case, accents dropped, anything but letters and digits a
 * dash ("Laden Mitte" → "laden-mitte", "Café am Markt" → "cafe-am-markt"); "" when nothing is left.
 * Two tills that typed the store a little differently ("laden  mitte") still book the same store.
 */
export function storeSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

/**
 * A receipt number as printed, for comparing: spaces dropped and letters upper case, so "a 4711" and
 * "A4711" are one receipt. Letters, digits and . / - # _ only; null when it is empty or holds anything else.
 */
export function receiptKey(receipt: string): string | null {
  const compact = receipt.replace(/\s+/g, "").toUpperCase();
  if (compact === "" || compact.length > RECEIPT_MAX) return null;
  return /^[A-Z0-9][A-Z0-9./#_-]*$/.test(compact) ? compact : null;
}

/** The order id (and event id) of a purchase booked at the till: `store:<store-slug>:<receipt>`. */
export function storeOrderId(slug: string, receipt: string): string {
  return `${STORE_ID_PREFIX}${slug}:${receipt}`;
}

/** The store and receipt an in-store order id names, or null for an online order's id. */
export function parseStoreOrderId(orderId: string): { slug: string; receipt: string } | null {
  if (!orderId.startsWith(STORE_ID_PREFIX)) return null;
  const rest = orderId.slice(STORE_ID_PREFIX.length);
  const colon = rest.indexOf(":");
  if (colon <= 0 || colon === rest.length - 1) return null;
  return { slug: rest.slice(0, colon), receipt: rest.slice(colon + 1) };
}

/**
 * What a coupon redeemed at the till is marked used by: the store and a use of its own (the same
 * request sent twice is one use, a second request for the same coupon is refused as used).
 */
export function tillCouponUseId(slug: string, requestId: string): string {
  return `${STORE_ID_PREFIX}${slug}:coupon-${requestId}`;
}

/** The store's name to show when only its id part is known: the dashes as spaces. */
export function storeNameFromSlug(slug: string): string {
  return slug.replace(/-+/g, " ");
}
