// Geometry for the balance-over-time chart: a step line (a balance holds until the next entry).

export type BalancePoint = { at: Date; balance: number };

export function stepPath(points: BalancePoint[], width: number, height: number, now: Date): string {
  if (points.length === 0) return "";
  const start = points[0]!.at.getTime();
  const span = Math.max(1, now.getTime() - start);
  const max = Math.max(1, ...points.map((p) => p.balance));
  const x = (t: number) => ((t - start) / span) * width;
  const y = (b: number) => height - (Math.max(0, b) / max) * height;
  let d = `M0 ${y(0).toFixed(1)}`;
  for (const p of points) {
    const px = x(p.at.getTime()).toFixed(1);
    d += ` H${px} V${y(p.balance).toFixed(1)}`;
  }
  return `${d} H${width}`;
}
