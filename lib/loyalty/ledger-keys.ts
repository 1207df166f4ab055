// The names the ledger gives to what it credits and debits: a row's source and its idempotency
// key. One module, so every path that credits an order (the shop API, the platforms' webhooks, the
// history import, the demo shop) writes the same key for the same order, and a second path finds
// the first one's row instead of crediting again.

/** The prefix of a ledger row's source that names a shop order (SQL that joins rows to orders uses it). */
export const ORDER_SOURCE_PREFIX = "order:";

/** What a ledger row about a shop order points at. */
export const orderSource = (shopOrderId: string) => `${ORDER_SOURCE_PREFIX}${shopOrderId}`;

/** The one earn row an order ever gets. */
export const orderEarnKey = (shopOrderId: string) => `${orderSource(shopOrderId)}:earn`;

/** The row that settles refunded-but-spent points from an order's earnings. */
export const orderDebtSettleKey = (shopOrderId: string) => `${orderSource(shopOrderId)}:settle-debt`;

/** The clawback of one refund event. */
export const refundKey = (eventId: string) => `refund:${eventId}`;

/** Every kind of ledger row (the table's kind column allows exactly these). */
export const ledgerKinds = ["earn_order", "earn_task", "referral", "redeem", "refund_clawback", "expire", "adjust"] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

/** The kinds of ledger row that credit points to a member (a digest of "points you got" sums these). */
export const CREDIT_KINDS = ["earn_order", "earn_task", "referral", "adjust"] as const satisfies readonly LedgerKind[];
