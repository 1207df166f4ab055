// The app's notion of "now" for time-driven rules (referral return windows). Real time, except
// that the demo and development servers let a signed test move it forward (POST /api/dev/clock),
// so an e2e test can step over a 14-day window instead of waiting for it.
const holder = globalThis as typeof globalThis & { treueClockOffsetMs?: number };

export function now(): Date {
  return new Date(Date.now() + (holder.treueClockOffsetMs ?? 0));
}

export function setClockOffset(ms: number): void {
  holder.treueClockOffsetMs = ms;
}
