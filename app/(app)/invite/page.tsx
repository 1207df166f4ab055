import type { Metadata } from "next";
import { headers } from "next/headers";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ShareLink } from "@/components/invite/share-link";
import { QrCode } from "@/components/ui/qr-code";
import { requireMember } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { getProgramConfig, getProgramName } from "@/lib/db/queries/program";
import { ensureReferralCode, getReferralStats } from "@/lib/db/queries/referrals";
import { settleDueReferrals } from "@/lib/server/referrals";
import { env } from "@/lib/env";
import { formatMoney } from "@/lib/i18n/money";
import { Card } from "@/components/ui/card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invite"))("title") };
}

/** The site's own origin for links shared outside it: the configured URL, else this request's. */
async function origin(): Promise<string> {
  const configured = env().publicUrl;
  if (configured) return configured.replace(/\/$/, "");
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host")}`;
}

export default async function InvitePage() {
  const member = await requireMember();
  const db = await getDb();
  // Points whose return window has passed are credited as soon as their owner looks.
  await settleDueReferrals(db, now(), member.id);
  const [t, format, locale, config, shop, code, stats, base] = await Promise.all([
    getTranslations("invite"),
    getFormatter(),
    getLocale(),
    getProgramConfig(db),
    getProgramName(db),
    ensureReferralCode(db, member.id),
    getReferralStats(db, member.id),
    origin(),
  ]);
  const rule = config.referralRule;
  const url = `${base}/r/${code}`;
  const discount = formatMoney(locale, rule.friendDiscountCents, config.currency);
  const figures = [
    ["invited", stats.invited],
    ["joined", stats.joined],
    ["purchased", stats.purchased],
    ["earned", stats.pointsEarned],
    ["pending", stats.pointsPending],
  ] as const;
  return (
    <div className="space-y-5">
      <header>
        <h1 className="text-2xl font-bold tracking-tight md:text-3xl">{t("title")}</h1>
        <p className="mt-2 max-w-2xl text-stone-700" data-testid="invite-offer">
          {rule.enabled
            ? t("offer", { discount, minimum: formatMoney(locale, rule.friendMinOrderCents, config.currency), points: format.number(rule.referrerPoints, "points"), days: rule.returnWindowDays })
            : t("disabled")}
        </p>
      </header>
      {rule.enabled && (
        <Card className="grid gap-5 md:grid-cols-[1fr_auto]">
          <ShareLink
            url={url}
            text={t("shareText", { discount, shop: shop ?? "" })}
            subject={t("emailSubject", { discount, shop: shop ?? "" })}
            labels={{ yourLink: t("yourLink"), copy: t("copy"), copied: t("copied"), share: t("share"), whatsapp: t("whatsapp"), email: t("email") }}
          />
          <figure className="flex flex-col items-center gap-2">
            <QrCode value={url} label={t("qr")} className="size-40" />
            <figcaption className="text-xs text-stone-600">{t("qrHint")}</figcaption>
          </figure>
        </Card>
      )}
      <Card aria-labelledby="stats-heading">
        <h2 id="stats-heading" className="text-base font-semibold">
          {t("stats")}
        </h2>
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-5">
          {figures.map(([key, value]) => (
            <div key={key} className="rounded-2xl bg-stone-50 p-3" data-testid={`stat-${key}`}>
              <dt className="text-xs text-stone-600">{t(key)}</dt>
              <dd className="text-2xl font-bold tabular-nums">{format.number(value, "points")}</dd>
            </div>
          ))}
        </dl>
        {stats.pointsPending > 0 && <p className="mt-3 text-sm text-stone-600">{t("pendingHint")}</p>}
      </Card>
    </div>
  );
}
