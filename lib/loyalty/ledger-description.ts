// Turns a ledger row's kind and source into the message key and values a shopper reads,
// e.g. earn_order + "order:1042" → ledger.earn_order {ref: "1042"} → "Bestellung #1042", and a
// purchase booked at the shop's till, earn_order + "order:store:laden-mitte:4711" →
// ledger.earn_store {store: "Laden Mitte"} → "Einkauf im Laden · Laden Mitte".
import type { LedgerKind } from "./ledger-keys";
import { parseStoreOrderId, storeNameFromSlug } from "./till";

export type LedgerDescription = { key: LedgerKind | "earn_store"; values: { ref: string; store?: string; receipt?: string } };

/** `storeName`: the store's name as the till last typed it, when the row is an in-store purchase and the name is known. */
export function describeLedgerEntry(kind: LedgerKind, sourceRef: string, storeName?: string | null): LedgerDescription {
  const separator = sourceRef.indexOf(":");
  const ref = separator >= 0 ? sourceRef.slice(separator + 1) : sourceRef;
  const store = kind === "earn_order" ? parseStoreOrderId(ref) : null;
  if (store) return { key: "earn_store", values: { ref, store: storeName?.trim() || storeNameFromSlug(store.slug), receipt: store.receipt } };
  return { key: kind, values: { ref } };
}
