import { scaleBand, scaleLinear } from "d3-scale";
import { line } from "d3-shape";

export type ChartSeries = { key: string; label: string; colour: string; kind: "bar" | "line" };
type Row = { bucket: string; [value: string]: string | number | null };

const W = 640;
const H = 220;
const M = { top: 12, right: 12, bottom: 28, left: 48 };

/**
 * A small server-rendered chart (SVG, no JavaScript): bars side by side per bucket and/or lines,
 * with a legend, and the same numbers as a table for screen readers and for reading exact values.
 */
export function SeriesChart({ title, rows, series, formatValue, formatBucket, tableLabel, empty }: { title: string; rows: Row[]; series: ChartSeries[]; formatValue: (v: number) => string; formatBucket: (b: string) => string; tableLabel: string; empty: string }) {
  const values = rows.flatMap((r) => series.map((s) => Number(r[s.key] ?? 0)));
  const min = Math.min(0, ...values);
  const max = Math.max(1, ...values);
  const x = scaleBand<string>().domain(rows.map((r) => r.bucket)).range([M.left, W - M.right]).padding(0.2);
  const y = scaleLinear().domain([min, max]).nice().range([H - M.bottom, M.top]);
  const bars = series.filter((s) => s.kind === "bar");
  const inner = scaleBand<string>().domain(bars.map((s) => s.key)).range([0, x.bandwidth()]).padding(0.05);
  const ticks = y.ticks(4);
  const every = Math.max(1, Math.ceil(rows.length / 8));
  return (
    <figure className="space-y-2">
      <figcaption className="text-sm font-semibold">{title}</figcaption>
      {rows.length === 0 ? (
        <p className="text-sm text-stone-600">{empty}</p>
      ) : (
        <>
          <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={title}>
            {ticks.map((t) => (
              <g key={t}>
                <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className="stroke-stone-200" />
                <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" className="fill-stone-600 text-[10px]">
                  {formatValue(t)}
                </text>
              </g>
            ))}
            {rows.map((r, i) =>
              bars.map((s) => {
                const v = Number(r[s.key] ?? 0);
                return <rect key={`${r.bucket}-${s.key}`} x={(x(r.bucket) ?? 0) + (inner(s.key) ?? 0)} width={inner.bandwidth()} y={Math.min(y(v), y(0))} height={Math.abs(y(v) - y(0))} fill={s.colour} data-index={i} />;
              }),
            )}
            {series
              .filter((s) => s.kind === "line")
              .map((s) => {
                const points = rows.filter((r) => r[s.key] !== null && r[s.key] !== undefined);
                const path = line<Row>()
                  .x((r) => (x(r.bucket) ?? 0) + x.bandwidth() / 2)
                  .y((r) => y(Number(r[s.key])))(points);
                return (
                  <g key={s.key}>
                    <path d={path ?? ""} fill="none" stroke={s.colour} strokeWidth={2.5} />
                    {points.map((r) => (
                      <circle key={r.bucket} cx={(x(r.bucket) ?? 0) + x.bandwidth() / 2} cy={y(Number(r[s.key]))} r={3} fill={s.colour} />
                    ))}
                  </g>
                );
              })}
            {rows.map((r, i) =>
              i % every === 0 ? (
                <text key={r.bucket} x={(x(r.bucket) ?? 0) + x.bandwidth() / 2} y={H - 8} textAnchor="middle" className="fill-stone-600 text-[10px]">
                  {formatBucket(r.bucket)}
                </text>
              ) : null,
            )}
          </svg>
          <ul className="flex flex-wrap gap-4 text-xs text-stone-700" aria-hidden>
            {series.map((s) => (
              <li key={s.key} className="flex items-center gap-1.5">
                <span className="inline-block size-3 rounded-sm" style={{ backgroundColor: s.colour }} />
                {s.label}
              </li>
            ))}
          </ul>
          <details className="text-sm">
            <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand-800">{tableLabel}</summary>
            <table className="w-full text-left text-xs">
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr>
                  <th scope="col" className="py-1 pr-3">
                    <span className="sr-only">{tableLabel}</span>
                  </th>
                  {series.map((s) => (
                    <th key={s.key} scope="col" className="py-1 pr-3 text-right">
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.bucket} className="border-t border-stone-100">
                    <th scope="row" className="py-1 pr-3 font-normal">
                      {formatBucket(r.bucket)}
                    </th>
                    {series.map((s) => (
                      <td key={s.key} className="py-1 pr-3 text-right tabular-nums">
                        {r[s.key] === null || r[s.key] === undefined ? "–" : formatValue(Number(r[s.key]))}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}
