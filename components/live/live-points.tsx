"use client";

import { useLiveState, type LiveState } from "./use-live-state";

type Props = {
  /** The state the server rendered, and when it read it (ms). */
  initial: LiveState;
  initialAt: number;
  locale: string;
  /** The unit after the number, by plural category ("one", "other"). */
  units: { one: string; other: string };
};

/** The balance on Home, kept current without a reload (see useLiveState). */
export function LivePoints({ initial, initialAt, locale, units }: Props) {
  const { balance } = useLiveState(initial, initialAt);
  const unit = new Intl.PluralRules(locale).select(balance) === "one" ? units.one : units.other;
  return (
    <>
      <span className="text-5xl font-bold tabular-nums tracking-tight md:text-6xl">{new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(balance)}</span>
      <span className="text-lg font-medium text-brand-100">{unit}</span>
    </>
  );
}
