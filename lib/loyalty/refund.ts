// What a refund takes back. Pure: the order's facts in, the points to claw back out.

export type OrderEarnings = {
  subtotalCents: number;
  pointsEarned: number;
  refundedCents: number;
  pointsClawedBack: number;
};

/**
 * Points to claw back for a further refund of `amountCents`: refunds are summed and capped at
 * the subtotal; the total clawed back is the earned points pro rata, rounded down, so partial
 * refunds never take more than a full one and a full refund takes back exactly what was earned.
 */
export function clawbackForRefund(order: OrderEarnings, amountCents: number): { refundedCents: number; points: number } {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw new RangeError("amountCents must be a positive integer");
  const refundedCents = Math.min(order.subtotalCents, order.refundedCents + amountCents);
  const totalClawed =
    order.subtotalCents === 0 ? 0 : Math.floor((order.pointsEarned * refundedCents) / order.subtotalCents);
  return { refundedCents, points: Math.max(0, totalClawed - order.pointsClawedBack) };
}

/**
 * Splits a claw-back between the balance and a debt: the balance never goes below zero,
 * and what it cannot cover is owed until later earnings settle it.
 */
export function splitClawback(balance: number, points: number): { fromBalance: number; toDebt: number } {
  const fromBalance = Math.min(balance, points);
  return { fromBalance, toDebt: points - fromBalance };
}

/** New points first pay off an outstanding debt. */
export function settleDebt(debt: number, earned: number): { settled: number; remainingDebt: number } {
  const settled = Math.min(debt, earned);
  return { settled, remainingDebt: debt - settled };
}
