// The insights as CSV rows: UTF-8 with a byte-order mark (Excel then reads umlauts), comma or, for
// German Excel, semicolon; rates as decimals with a point, exactly as the API gives them.
import type { Metrics } from "../db/queries/metrics";

export type CsvSeparator = "," | ";";

export function csvLine(values: readonly (string | number | null)[], separator: CsvSeparator): string {
  return `${values
    .map((v) => {
      const text = v === null ? "" : String(v);
      return /[",;\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(separator)}\r\n`;
}

/** One row per number: name, this period, previous period. Nested groups are flattened with dots. */
export function metricRows(current: Metrics, previous: Metrics): [string, number | string | null, number | string | null][] {
  const flat = (m: Metrics) => {
    const out = new Map<string, number | string | null>();
    const walk = (prefix: string, value: unknown) => {
      if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v);
      else out.set(prefix, value as number | string | null);
    };
    walk("", m);
    return out;
  };
  const a = flat(current);
  const b = flat(previous);
  return [...a.keys()].map((key) => [key, a.get(key) ?? null, b.get(key) ?? null]);
}
