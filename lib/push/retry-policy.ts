// When a push that failed for a passing reason (push service down, network) is tried again.

/** Attempts in all, including the first; then the notification is given up as failed. */
export const MAX_ATTEMPTS = 6;

const BASE_MS = 30_000;
const CAP_MS = 6 * 60 * 60 * 1000;

/**
 * Delay before attempt `attempt + 1`: 30 s, 1 min, 2 min, 4 min … capped at 6 h, with up to
 * 20 % jitter (`random` in [0, 1)) so many failures at once do not return together.
 */
export function retryDelayMs(attempt: number, random = Math.random()): number {
  const exponential = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (1 + 0.2 * random));
}

export function shouldGiveUp(attempts: number): boolean {
  return attempts >= MAX_ATTEMPTS;
}
