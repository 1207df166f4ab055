"use client";

import { useId, useState } from "react";
import { useLiveState, type LiveState } from "@/components/live/use-live-state";
import { formatMoney } from "@/lib/i18n/money";
import { useTranslations } from "@/lib/i18n/island-text";
import { pointsForValue, pointsOffSpan, type PointsOffRules } from "@/lib/loyalty/points-off";
import { RedeemButton } from "./redeem-button";

/**
 * Points for money off: the shopper picks the amount with − and + or the slider (arrow keys, Page
 * Up/Down, Home/End), between the reward's minimum and what their points cover (at most its
 * maximum), and sees what it costs before redeeming it.
 */
export function PointsOffRedeem(props: { rewardId: string; rules: PointsOffRules; locale: string; currency: string; tierName: string | null; live: LiveState; liveAt: number }) {
  const { rewardId, rules, locale, currency, tierName, live, liveAt } = props;
  const t = useTranslations("rewards.detail.pointsOff");
  const id = useId();
  const { balance } = useLiveState(live, liveAt);
  const { minCents, upToCents, stepCents } = pointsOffSpan(rules, balance);
  const topCents = Math.max(minCents, upToCents);
  const [chosen, setChosen] = useState(minCents);
  // The balance may drop in another tab: the amount never stays above what it covers.
  const cents = Math.min(Math.max(chosen, minCents), topCents);
  const points = pointsForValue(rules, cents);
  const money = (value: number) => formatMoney(locale, value, currency);
  const number = (n: number) => new Intl.NumberFormat(locale).format(n);
  const amount = money(cents);
  const values = { amount, points: number(points) };

  const chooser = (locked: boolean) => {
    const button =
      "inline-flex size-12 shrink-0 items-center justify-center rounded-full border border-stone-300 bg-white text-2xl font-semibold text-brand-800 shadow-sm hover:bg-brand-50 disabled:cursor-not-allowed disabled:opacity-40";
    return (
      <div className="space-y-4 rounded-2xl border border-brand-200 bg-brand-50/60 p-4 md:p-5" data-testid="points-off-chooser">
        <label htmlFor={`${id}-range`} className="block text-base font-semibold">
          {t("label")}
        </label>
        <div className="flex items-center gap-3">
          <button type="button" className={button} onClick={() => setChosen(cents - stepCents)} disabled={locked || cents <= minCents} aria-controls={`${id}-range`}>
            <span aria-hidden="true">−</span>
            <span className="sr-only">{t("less", { step: money(stepCents) })}</span>
          </button>
          <output htmlFor={`${id}-range`} className="flex-1 text-center text-3xl font-bold tracking-tight text-brand-900 tabular-nums" data-testid="points-off-amount">
            {amount}
          </output>
          <button type="button" className={button} onClick={() => setChosen(cents + stepCents)} disabled={locked || cents >= topCents} aria-controls={`${id}-range`}>
            <span aria-hidden="true">+</span>
            <span className="sr-only">{t("more", { step: money(stepCents) })}</span>
          </button>
        </div>
        <div>
          <input
            id={`${id}-range`}
            type="range"
            min={minCents}
            max={topCents}
            step={stepCents}
            value={cents}
            disabled={locked || topCents === minCents}
            onChange={(e) => setChosen(Number(e.target.value))}
            aria-valuetext={t("valueText", values)}
            aria-describedby={`${id}-limits`}
            className="h-11 w-full cursor-pointer accent-brand-700 disabled:cursor-not-allowed"
          />
          <p id={`${id}-limits`} className="flex justify-between gap-3 text-xs text-stone-600 tabular-nums">
            <span>{money(minCents)}</span>
            <span className="text-right">{upToCents < rules.maxValueCents ? t("upTo", { amount: money(topCents) }) : money(topCents)}</span>
          </p>
        </div>
        <p className="rounded-xl bg-white px-3 py-3 text-center text-base font-semibold text-balance text-brand-800 tabular-nums shadow-sm" data-testid="points-off-preview">
          {t("preview", values)}
        </p>
      </div>
    );
  };

  return (
    <RedeemButton
      rewardId={rewardId}
      cost={points}
      points={number(points)}
      tierName={tierName}
      live={live}
      liveAt={liveAt}
      valueCents={cents}
      labels={{ redeem: t("redeem", values), confirm: t("confirm", values), confirmHint: t("confirmHint", values) }}
      chooser={chooser}
    />
  );
}
