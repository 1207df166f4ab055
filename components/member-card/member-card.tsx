import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { ArrowRightIcon } from "@/components/ui/icons";
import { QrCode } from "@/components/ui/qr-code";
import { formatMemberNumber } from "@/lib/loyalty/member-number";

/**
 * The shopper's loyalty card: the member number in print and as a QR code the till scans from the
 * phone's screen. Drawn on the server as SVG, so the page the app keeps for offline use shows it too.
 * `children`: the place for the "Add to Apple Wallet" / "Add to Google Wallet" buttons.
 */
export async function MemberCard({ number, children }: { number: string; children?: ReactNode }) {
  const t = await getTranslations("memberCard");
  const printed = formatMemberNumber(number);
  return (
    <section id="member-card" aria-labelledby="member-card-title" data-testid="member-card" className="scroll-mt-6 rounded-3xl border border-stone-200 bg-white p-5 shadow-sm md:p-6">
      <h2 id="member-card-title" className="text-base font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-stone-600">{t("intro")}</p>
      <div className="mt-4 flex flex-col items-center gap-3 sm:flex-row sm:items-center sm:gap-6">
        {/* Large and with a quiet zone, so a till's camera reads it off a phone at arm's length. */}
        <QrCode value={number} label={t("qr", { number: printed })} className="size-56 border border-stone-200 sm:size-48" />
        <div className="text-center sm:text-left">
          <p className="text-xs font-medium tracking-wide text-stone-600 uppercase">{t("number")}</p>
          <p className="mt-1 font-mono text-2xl font-semibold tracking-wider tabular-nums text-stone-900" data-testid="member-number">
            {printed}
          </p>
          <p className="mt-2 text-xs text-stone-600">{t("offline")}</p>
        </div>
      </div>
      {/* Wallet buttons ("Add to Apple Wallet", "Add to Google Wallet") go here, passed as children. */}
      {children && <div className="mt-4 flex flex-wrap items-center gap-3" data-testid="member-card-wallets">{children}</div>}
    </section>
  );
}

/** A compact way from Home to the card on Profile. */
export async function MemberCardLink() {
  const t = await getTranslations("memberCard");
  return (
    <a href="/profile#member-card" data-testid="member-card-link" className="flex min-h-11 items-center justify-between gap-3 rounded-2xl border border-stone-200 bg-white px-4 py-3 text-sm font-semibold text-brand-800 shadow-sm hover:bg-stone-50">
      <span className="flex items-center gap-3">
        <CardGlyph />
        {t("homeLink")}
      </span>
      <ArrowRightIcon className="size-4 shrink-0" />
    </a>
  );
}

function CardGlyph() {
  return (
    <svg viewBox="0 0 24 24" className="size-5 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
      <rect x="3" y="3" width="7" height="7" rx="1" />
      <rect x="14" y="3" width="7" height="7" rx="1" />
      <rect x="3" y="14" width="7" height="7" rx="1" />
      <path d="M14 14h3v3h-3zM20 14v.01M14 20h.01M17 20h4v-3" />
    </svg>
  );
}
