// When to ask a shop again after it was down or rate-limiting. Quick at first (a shopper is
// waiting for the code), then further apart; after the last try the redemption is given up and
// the points go back. Eight tries span about ten and a half hours.
export const DISCOUNT_RETRY_DELAYS_S = [5, 15, 60, 5 * 60, 15 * 60, 60 * 60, 3 * 60 * 60, 6 * 60 * 60] as const;

/** When the next try is due after attempt number `attempts` (1-based) failed, or null: no more tries. */
export function nextDiscountAttempt(attempts: number, now: Date): Date | null {
  const delay = DISCOUNT_RETRY_DELAYS_S[attempts - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay * 1000);
}
