// When this instance's background loops last completed a round: readiness reports a loop that
// stopped turning (a hung delivery, a crashed timer) instead of answering "ready" regardless.
const beats = ((globalThis as typeof globalThis & { treueBeats?: Map<string, number> }).treueBeats ??= new Map());

export function beat(loop: string, at = Date.now()): void {
  beats.set(loop, at);
}

/** Loops that have not completed a round within `maxAgeMs` (started ones only; a new process gets `graceMs`). */
export function staleLoops(expected: readonly string[], maxAgeMs: number, startedAt: number, now = Date.now(), graceMs = maxAgeMs): string[] {
  if (now - startedAt < graceMs) return [];
  return expected.filter((loop) => now - (beats.get(loop) ?? startedAt) > maxAgeMs);
}

/** When `loop` last completed a round in this process, if it has. */
export function lastBeat(loop: string): Date | null {
  const at = beats.get(loop);
  return at === undefined ? null : new Date(at);
}
