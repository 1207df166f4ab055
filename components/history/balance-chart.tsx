import { getFormatter, getTranslations } from "next-intl/server";
import { stepPath, type BalancePoint } from "@/lib/charts/step-path";

const W = 600;
const H = 120;

/** Server-rendered SVG: no chart library, no JavaScript on the phone. */
export async function BalanceChart({ points, now, current }: { points: BalancePoint[]; now: Date; current: number }) {
  const [t, format] = await Promise.all([getTranslations("history"), getFormatter()]);
  const line = stepPath(points, W, H, now);
  if (!line) return null;
  return (
    <figure className="rounded-3xl border border-stone-200 bg-white p-5 md:p-6">
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="h-32 w-full" role="img" aria-label={t("chartLabel", { points: current })}>
        <path d={`${line} V${H} H0 Z`} fill="var(--color-brand-100)" />
        <path d={line} fill="none" stroke="var(--color-brand-700)" strokeWidth={2.5} vectorEffect="non-scaling-stroke" />
      </svg>
      <figcaption className="mt-2 flex justify-between text-xs text-stone-600" aria-hidden="true">
        <span>{format.dateTime(points[0]!.at, { month: "short", year: "numeric" })}</span>
        <span>{format.dateTime(now, { day: "numeric", month: "short" })}</span>
      </figcaption>
    </figure>
  );
}
