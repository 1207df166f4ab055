import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { LivePoints } from "@/components/live/live-points";
import type { LiveState } from "@/components/live/use-live-state";
import type { ExpiryOutlook } from "@/lib/db/queries/expiry";
import { expiryIsNear } from "@/lib/loyalty/expiry";

type Props = {
  points: number;
  /** The shopper's state as read for this render: the balance keeps current from it. */
  live: LiveState;
  /** Referral points waiting for the friend's return window. */
  pending: number;
  /** Refunded points that were already spent; shown so a zero balance after a return is explained. */
  debt: number;
  /** When the balance (inactivity) or its oldest points (per earning) expire. */
  expiry: ExpiryOutlook | null;
  /** From how many days before it the expiry is a warning. */
  warnDays: number;
  now: Date;
};

export async function BalanceCard({ points, live, pending, debt, expiry, warnDays, now }: Props) {
  const [t, format, locale] = await Promise.all([getTranslations("home"), getFormatter(), getLocale()]);
  return (
    <section
      aria-labelledby="balance-label"
      className="relative overflow-hidden rounded-3xl bg-gradient-to-br from-brand-700 via-brand-800 to-brand-950 p-6 text-white shadow-lg shadow-brand-900/20 md:p-8"
    >
      <h2 id="balance-label" className="text-sm font-medium text-brand-100">
        {t("balanceLabel")}
      </h2>
      <p className="mt-2 flex items-baseline gap-2" data-testid="balance">
        <LivePoints initial={live} initialAt={now.getTime()} locale={locale} units={{ one: t("pointsUnit", { count: 1 }), other: t("pointsUnit", { count: 2 }) }} />
      </p>
      {expiry && points > 0 && (
        <p
          className={`relative z-[1] mt-3 max-w-md text-sm ${
            expiryIsNear(expiry.at, now, warnDays) ? "rounded-xl bg-gold-300 px-3 py-2 font-medium text-stone-900" : "text-brand-100"
          }`}
          data-testid="expiry"
        >
          {expiryMessage(t, expiry, expiryIsNear(expiry.at, now, warnDays), points, format.dateTime(expiry.at, { dateStyle: "long" }))}
        </p>
      )}
      {pending > 0 && (
        <p className="relative z-[1] mt-3 max-w-md text-sm text-brand-100" data-testid="pending">
          {t("pending", { count: pending })}
        </p>
      )}
      {debt > 0 && (
        <p className="relative z-[1] mt-3 max-w-md text-sm text-brand-100" data-testid="debt">
          {t("debt", { count: debt })}
        </p>
      )}
      {/* A ridge line: the shop's outdoor world, kept out of the accessibility tree. */}
      <svg
        viewBox="0 0 400 80"
        preserveAspectRatio="none"
        aria-hidden="true"
        className="pointer-events-none absolute inset-x-0 bottom-0 h-14 w-full text-white/10 md:h-10"
      >
        <path d="M0 80 L60 38 L95 58 L150 12 L205 55 L240 35 L300 70 L345 30 L400 60 L400 80 Z" fill="currentColor" />
      </svg>
    </section>
  );
}

function expiryMessage(t: Awaited<ReturnType<typeof getTranslations<"home">>>, expiry: ExpiryOutlook, near: boolean, balance: number, date: string): string {
  if (expiry.mode === "per-earning") return near ? t("lotExpiresOn", { count: expiry.points, date }) : t("lotValidUntil", { count: expiry.points, date });
  return near ? t("expiresOn", { count: balance, date }) : t("validUntil", { date });
}
