// When a message that failed for a passing reason (push service, mail server or SMS provider down,
// network) is tried again: the push, mail and SMS workers all use this schedule. It is short on
// purpose: each of those services queues a message itself once it has taken it, so Treue only
// bridges a blip in reaching it, and a retry hours later would land in the night, past the quiet
// hours its message was timed for.

/** Attempts in all, including the first; then the notification is given up as failed. */
export const MAX_ATTEMPTS = 6;

const BASE_MS = 30_000;
const CAP_MS = 6 * 60 * 60 * 1000;

/**
 * Delay before attempt `attempt + 1` (`attempt` counts the tries made, the first is 1): 30 s, 1, 2,
 * 4 and 8 min, with up to 20 % jitter (`random` in [0, 1)) so many failures at once do not return
 * together. After the sixth try (MAX_ATTEMPTS) the message is given up, 15½ min of waits after the
 * first try (18.6 min at most with jitter). The 6-hour cap is never reached with six attempts; it
 * only bounds the doubling should MAX_ATTEMPTS grow past ten.
 */
export function retryDelayMs(attempt: number, random = Math.random()): number {
  const exponential = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (1 + 0.2 * random));
}

export function shouldGiveUp(attempts: number): boolean {
  return attempts >= MAX_ATTEMPTS;
}
