// Turns a ledger row's kind and source into the message key and values a shopper reads,
// e.g. earn_order + "order:1042" → ledger.earn_order {ref: "1042"} → "Bestellung #1042".
import type { LedgerKind } from "./ledger-keys";

export type LedgerDescription = { key: LedgerKind; values: { ref: string } };

export function describeLedgerEntry(kind: LedgerKind, sourceRef: string): LedgerDescription {
  const separator = sourceRef.indexOf(":");
  const ref = separator >= 0 ? sourceRef.slice(separator + 1) : sourceRef;
  return { key: kind, values: { ref } };
}
