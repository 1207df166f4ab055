"use client";

import { useEffect, useState } from "react";
import { onFirstStaleSign } from "@/lib/client/live-channel";

type Props = {
  /** The balance the server rendered, and when it read it (ms). */
  initial: number;
  initialAt: number;
  locale: string;
  /** The unit after the number, by plural category ("one", "other"). */
  units: { one: string; other: string };
};

/**
 * The balance on Home, kept current without a reload: after a redemption in another tab, a
 * push, coming back to the app or online. The data layer loads only when one of those happens.
 */
export function LivePoints({ initial, initialAt, locale, units }: Props) {
  const [points, setPoints] = useState(initial);
  useEffect(() => {
    let stop = () => {};
    let gone = false;
    const stopWaiting = onFirstStaleSign(() => {
      void import("@/lib/client/live-data").then(({ watch, refresh }) => {
        if (gone) return;
        stop = watch<{ balance: number }>(["balance"], "/api/me/balance", { balance: initial }, initialAt, (data) => setPoints(data.balance));
        refresh(["balance"]);
      });
    });
    return () => {
      gone = true;
      stopWaiting();
      stop();
    };
  }, [initial, initialAt]);
  const unit = new Intl.PluralRules(locale).select(points) === "one" ? units.one : units.other;
  return (
    <>
      <span className="text-5xl font-bold tabular-nums tracking-tight md:text-6xl">{new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(points)}</span>
      <span className="text-lg font-medium text-brand-100">{unit}</span>
    </>
  );
}
