import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { Coupon } from "@/lib/db/queries/rewards";
import type { Locale } from "@/lib/i18n/config";
import { walletState } from "@/lib/loyalty/rewards";
import { CopyButton } from "@/components/ui/copy-button";
import { QrCode } from "@/components/ui/qr-code";

const DAY = 86_400_000;

export async function CouponCard({ coupon, now, highlight }: { coupon: Coupon; now: Date; highlight: boolean }) {
  const [t, format, locale] = await Promise.all([getTranslations("wallet"), getFormatter(), getLocale() as Promise<Locale>]);
  const state = walletState(coupon, now);
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium" });
  if (state === "pending") {
    return (
      <li id={`coupon-${coupon.id}`} data-testid="pending-coupon" className="rounded-3xl border border-stone-200 bg-white p-4 shadow-sm md:p-5" aria-busy="true">
        {highlight && <p className="mb-2 inline-block rounded-full bg-gold-300 px-2.5 py-0.5 text-xs font-semibold text-stone-900">{t("new")}</p>}
        <h3 className="text-base font-semibold">{coupon.terms.name[locale]}</h3>
        <p className="mt-1 flex items-center gap-2 text-sm text-stone-700" role="status">
          <span className="size-3 shrink-0 animate-spin rounded-full border-2 border-brand-600 border-t-transparent motion-reduce:animate-none" aria-hidden="true" />
          {t("pending")}
        </p>
      </li>
    );
  }
  if (state !== "active") {
    return (
      <li className="flex items-center justify-between gap-3 py-3">
        <div className="min-w-0">
          <p className="truncate text-sm font-medium">{coupon.terms.name[locale]}</p>
          <p className="text-xs text-stone-600">
            {state === "used" ? t("usedOn", { date: date(coupon.usedAt!) }) : state === "failed" ? t("failed", { points: coupon.pointsCost }) : t("expiredOn", { date: date(coupon.expiresAt) })}
          </p>
        </div>
        {state !== "failed" && <code className="shrink-0 text-xs text-stone-600 line-through">{coupon.code}</code>}
      </li>
    );
  }
  // Whole days a shopper can still count on; the last 24 hours say so instead of "1 day".
  const msLeft = coupon.expiresAt.getTime() - now.getTime();
  const daysLeft = msLeft < DAY ? 0 : Math.ceil(msLeft / DAY);
  return (
    <li
      id={`coupon-${coupon.id}`}
      data-testid="active-coupon"
      className={`rounded-3xl border bg-white p-4 shadow-sm md:p-5 ${highlight ? "border-brand-500 ring-2 ring-brand-500/40" : "border-stone-200"}`}
    >
      <div className="flex gap-4">
        <div className="min-w-0 flex-1 space-y-2">
          {highlight && <p className="inline-block rounded-full bg-gold-300 px-2.5 py-0.5 text-xs font-semibold text-stone-900">{t("new")}</p>}
          <h3 className="text-base font-semibold">{coupon.terms.name[locale]}</h3>
          <p className={`text-sm ${daysLeft <= 3 ? "font-semibold text-red-700" : "text-stone-600"}`}>
            {t("expiresIn", { days: daysLeft })} · {t("validUntil", { date: date(coupon.expiresAt) })}
          </p>
          <p className="text-xs font-medium text-stone-600">{t("code")}</p>
          <div className="flex flex-wrap items-center gap-2">
            <code className="rounded-lg bg-stone-100 px-3 py-2 font-mono text-base font-semibold tracking-wider select-all" data-testid="coupon-code">
              {coupon.code}
            </code>
            <CopyButton text={coupon.code} label={t("copy")} done={t("copied")} />
          </div>
        </div>
        <QrCode value={coupon.code} label={t("qr", { code: coupon.code })} />
      </div>
    </li>
  );
}
