import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { getDb } from "@/lib/db";
import { getProgramConfig, getProgramName } from "@/lib/db/queries/program";
import { findReferrer } from "@/lib/db/queries/referrals";
import { formatMoney } from "@/lib/i18n/money";
import { isReferralCode } from "@/lib/loyalty/referrals";
import { buttonClasses } from "@/components/ui/button";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("login"))("title") };
}

/** Where an invite link lands: the friend's offer, and sign-up by e-mail that claims it. */
export default async function InviteLandingPage({ params }: Props) {
  const code = (await params).code.toUpperCase();
  const db = await getDb();
  const [t, locale, config, shop, referrer] = await Promise.all([
    getTranslations("landing"),
    getLocale(),
    getProgramConfig(db),
    getProgramName(db),
    isReferralCode(code) ? findReferrer(db, code) : null,
  ]);
  const rule = config.referralRule;
  if (!referrer || !rule.enabled) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold tracking-tight">{t("invalidTitle")}</h1>
        <p className="text-sm text-stone-600">{t("invalidBody")}</p>
        <a href="/login" className={buttonClasses()}>
          {t("toLogin")}
        </a>
      </div>
    );
  }
  const discount = formatMoney(locale, rule.friendDiscountCents, config.currency);
  const minimum = formatMoney(locale, rule.friendMinOrderCents, config.currency);
  return (
    <div className="space-y-5">
      <div className="space-y-2">
        <p className="inline-block rounded-full bg-gold-300 px-3 py-1 text-sm font-bold text-stone-900">{discount}</p>
        <h1 className="text-2xl font-bold tracking-tight">
          {referrer.firstName ? t("title", { name: referrer.firstName, discount }) : t("titleAnonymous", { discount })}
        </h1>
        <p className="text-sm text-stone-700">{t("offer", { discount, minimum, shop: shop ?? "" })}</p>
      </div>
      <LoginForm callbackUrl="/wallet" referralCode={code} submitLabel={t("claim", { discount })} />
      <p className="text-xs text-stone-600">{t("fine")}</p>
    </div>
  );
}
