"use client";

import { useState, useTransition, type ReactNode } from "react";
import { useTranslations } from "@/lib/i18n/island-text";
import { useLiveState, type LiveState } from "@/components/live/use-live-state";
import { redeem, type RedeemResult } from "@/lib/actions/redeem";
import { announceChange, wakeLive } from "@/lib/client/live-channel";

/**
 * Two steps (redeem, then confirm) because points are spent at once. One request id per
 * attempt: a double tap or a retry after a network error is the same redemption. The balance
 * beside it drops as soon as the shopper confirms and comes back if the redemption fails.
 * A points_off reward passes the amount chosen (`valueCents`, its `cost` in points), its own
 * wording and the `chooser`, which is locked while the shopper confirms.
 */
export function RedeemButton(props: {
  rewardId: string;
  cost: number;
  points: string;
  tierName: string | null;
  live: LiveState;
  liveAt: number;
  valueCents?: number;
  labels?: { redeem: string; confirm: string; confirmHint: string };
  chooser?: (locked: boolean) => ReactNode;
}) {
  const { rewardId, cost, points, tierName, live, liveAt, valueCents, labels, chooser } = props;
  const t = useTranslations("rewards.detail");
  const { balance } = useLiveState(live, liveAt);
  const [confirming, setConfirming] = useState(false);
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const confirm = () =>
    startTransition(async () => {
      setError(null);
      try {
        wakeLive();
        const { mutateOptimistically } = await import("@/lib/client/live-data");
        const result = await mutateOptimistically<LiveState, RedeemResult>({
          key: ["state"],
          shown: { ...live, balance },
          apply: (state) => ({ ...state, balance: state.balance - cost }),
          mutate: () => redeem(rewardId, requestId, valueCents),
          accepted: (answer) => answer.status === "issued",
        });
        if (result.status === "issued") {
          // Other open tabs (Home, say) show the balance after it.
          announceChange(["balance"]);
          location.assign(`/wallet?new=${result.couponId}`);
          return;
        }
        setError(
          result.status === "refused" ? t(`why.${result.reason}` as "why.sold-out", { missing: result.missingPoints ?? 0, tier: tierName ?? "" }) : t("failed"),
        );
        setRequestId(crypto.randomUUID()); // refused: a new attempt is a new request
        setConfirming(false);
      } catch {
        setError(navigator.onLine ? t("failed") : t("offline")); // same request id on retry: charged at most once
      }
    });

  const primary =
    "inline-flex min-h-12 w-full items-center justify-center rounded-2xl bg-brand-700 px-5 text-base font-semibold text-white shadow-sm hover:bg-brand-800 disabled:opacity-60 sm:w-auto";
  return (
    <div className="space-y-3">
      {chooser?.(confirming || pending)}
      <p className="text-sm text-stone-700" data-testid="redeem-balance">
        {t("balance", { count: balance })}
      </p>
      {!confirming ? (
        <button
          type="button"
          className={primary}
          onClick={() => {
            // Spending points needs the server: say so now rather than after the confirmation.
            if (!navigator.onLine) return setError(t("offline"));
            setError(null);
            setConfirming(true);
          }}
        >
          {labels?.redeem ?? t("redeem", { points })}
        </button>
      ) : (
        <div className="space-y-3 rounded-2xl border border-brand-200 bg-brand-50 p-4">
          <p className="text-sm text-stone-800">{labels?.confirmHint ?? t("confirmHint")}</p>
          <div className="flex flex-col gap-2 sm:flex-row">
            <button type="button" className={primary} onClick={confirm} disabled={pending} aria-busy={pending}>
              {pending ? t("redeeming") : (labels?.confirm ?? t("confirm", { points }))}
            </button>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              disabled={pending}
              className="inline-flex min-h-12 items-center justify-center rounded-2xl border border-stone-300 bg-white px-5 text-base font-semibold hover:bg-stone-100"
            >
              {t("cancel")}
            </button>
          </div>
        </div>
      )}
      <p role="status" className="text-sm font-medium text-red-700">
        {error}
      </p>
    </div>
  );
}
