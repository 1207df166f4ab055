// What fits one shopper: the reward to show next on Home, and the catalog in the order of what
// they buy. Pure: categories as the shop names them on order items, compared without case.

export type Affinity = Map<string, number>;

const key = (category: string) => category.trim().toLowerCase();

/** How many items the shopper bought per category. */
export function categoryAffinity(bought: { category: string; count: number }[]): Affinity {
  const affinity: Affinity = new Map();
  for (const { category, count } of bought) affinity.set(key(category), (affinity.get(key(category)) ?? 0) + count);
  return affinity;
}

const affinityOf = (affinity: Affinity, category: string | null) => (category ? (affinity.get(key(category)) ?? 0) : 0);

export type RewardCandidate = { id: string; pointsCost: number; category: string | null; /** Redeemable but for points (not tier-gated, sold out or used up). */ open: boolean };
export type NextReward = { id: string; affordable: boolean; missingPoints: number };

/**
 * The reward Home shows: among those open to the shopper, the ones in categories they buy come
 * first; of those, the dearest they can already afford, or else the one they are closest to.
 */
export function nextReward(candidates: RewardCandidate[], balance: number, affinity: Affinity): NextReward | null {
  const open = candidates.filter((c) => c.open);
  if (open.length === 0) return null;
  const best = Math.max(...open.map((c) => affinityOf(affinity, c.category)));
  const fitting = open.filter((c) => affinityOf(affinity, c.category) === best);
  const affordable = fitting.filter((c) => c.pointsCost <= balance).sort((a, b) => b.pointsCost - a.pointsCost);
  const pick = affordable[0] ?? [...fitting].sort((a, b) => a.pointsCost - b.pointsCost)[0]!;
  return { id: pick.id, affordable: pick.pointsCost <= balance, missingPoints: Math.max(0, pick.pointsCost - balance) };
}

/** `items` with those in the shopper's categories first (most bought first); otherwise in their order. */
export function byAffinity<T>(items: T[], categoryOf: (item: T) => string | null, affinity: Affinity): T[] {
  return items
    .map((item, index) => ({ item, index, score: affinityOf(affinity, categoryOf(item)) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((x) => x.item);
}

/** Whether the shopper's birthday (month and day) falls in the local week of `weekStart` (7 days from it). */
export function birthdayInWeek(birthday: string | null, weekStart: { year: number; month: number; day: number }): boolean {
  if (!birthday) return false;
  const [, m, d] = birthday.split("-").map(Number) as [number, number, number];
  const start = Date.UTC(weekStart.year, weekStart.month, weekStart.day);
  // The birthday in the week's year and the next (a week may straddle New Year); 29 Feb on 28 Feb in common years.
  return [weekStart.year, weekStart.year + 1].some((year) => {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const day = m === 2 && d === 29 && !leap ? 28 : d;
    const at = Date.UTC(year, m - 1, day);
    return at >= start && at < start + 7 * 86_400_000;
  });
}
