// Which tier a qualifying spend reaches. Pure; window and grace rules arrive with the tier release.

export type TierDefinition = { id: string; thresholdCents: number };

/** The highest tier whose threshold the spend reaches, and the one after it. */
export function tierForSpend<T extends TierDefinition>(tiers: readonly T[], spendCents: number): { tier: T | null; next: T | null } {
  const sorted = [...tiers].sort((a, b) => a.thresholdCents - b.thresholdCents);
  let tier: T | null = null;
  for (const candidate of sorted) if (candidate.thresholdCents <= spendCents) tier = candidate;
  const next = sorted.find((candidate) => candidate.thresholdCents > spendCents) ?? null;
  return { tier, next };
}

/**
 * Whether moving from `previousId` to `reached` is a step up worth announcing. Landing in the
 * entry tier (threshold 0) is where everyone starts, not news.
 */
export function isTierUp<T extends TierDefinition>(tiers: readonly T[], previousId: string | null, reached: T | null): boolean {
  if (!reached || reached.thresholdCents <= 0) return false;
  const previous = tiers.find((t) => t.id === previousId);
  return reached.thresholdCents > (previous?.thresholdCents ?? 0);
}
