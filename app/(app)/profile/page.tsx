import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/profile/language-switch";
import { NameForm } from "@/components/profile/name-form";
import { CategoryPreferencesForm } from "@/components/profile/category-preferences-form";
import { OffersConsent } from "@/components/profile/offers-consent";
import { SignOutButton } from "@/components/profile/sign-out-button";
import { InstallCard } from "@/components/pwa/install-card";
import { PushToggle } from "@/components/pwa/push-toggle";
import { IslandMessages } from "@/components/ui/island-messages";
import { requireMember } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getMailPreferences } from "@/lib/db/queries/mail-preferences";
import { env } from "@/lib/env";
import { SmsChoiceForm } from "@/components/profile/sms-choice-form";
import { WhatsappChoiceForm } from "@/components/profile/whatsapp-choice-form";
import { getWhatsappChoice } from "@/lib/db/queries/whatsapp";
import { getPushSettings } from "@/lib/db/queries/notifications";
import { saveEmailPreferences, savePushPreferences } from "@/lib/actions/category-preferences";
import { MARKETING_CATEGORIES } from "@/lib/loyalty/messaging";
import { getVapidKeys } from "@/lib/push/vapid";
import { Card } from "@/components/ui/card";
import { MemberCard } from "@/components/member-card/member-card";
import { AddToWallet } from "@/components/wallet-pass/add-to-wallet";
import { walletLinks } from "@/lib/wallet/links";
import { ensureMemberNumber } from "@/lib/db/queries/member-number";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("profile"))("title") };
}

export default async function ProfilePage() {
  const [member, t, tStaff, tPush, tMail, tWallet, format, db] = await Promise.all([
    requireMember(),
    getTranslations("profile"),
    getTranslations("staff"),
    getTranslations("notifications"),
    getTranslations("mailPrefs"),
    getTranslations("walletPass"),
    getFormatter(),
    getDb(),
  ]);
  const [push, vapid, mail, memberNumber, whatsapp] = await Promise.all([
    getPushSettings(db, member.id),
    getVapidKeys(db),
    getMailPreferences(db, member.id),
    ensureMemberNumber(db, member.id),
    env().whatsapp ? getWhatsappChoice(db, member.id) : null,
  ]);
  const wallet = walletLinks();
  const consent = mail?.marketing ?? { state: "none" as const };
  const consentSince = consent.state === "confirmed" ? consent.confirmedAt : consent.state === "pending" ? consent.requestedAt : null;
  return (
    <IslandMessages namespaces={["profile", "notifications", "install", "mailPrefs"]}>
      <div className="space-y-5">
        <h1 className="text-2xl font-bold tracking-tight md:text-3xl">{t("title")}</h1>
        <Card className="space-y-5">
          <NameForm name={member.name} />
          <div>
            <p className="text-sm font-medium">{t("emailLabel")}</p>
            <p className="text-sm text-stone-700" data-testid="member-email">
              {member.email}
            </p>
            {member.role !== "member" && (
              <p className="mt-2 flex flex-wrap items-center gap-3">
                <span className="inline-block rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-semibold text-brand-800">{t("staff")}</span>
                <a href="/console" className="inline-flex min-h-11 items-center text-sm font-semibold text-brand-800 underline">
                  {tStaff("console")}
                </a>
              </p>
            )}
          </div>
        </Card>
        <a href="/help" className="flex min-h-14 items-center justify-between gap-3 rounded-3xl bg-white px-5 py-4 shadow-sm ring-1 ring-stone-200 hover:bg-stone-50" data-testid="profile-help">
          <span>
            <span className="block font-semibold">{t("help")}</span>
            <span className="block text-sm text-stone-600">{t("helpHint")}</span>
          </span>
          <span aria-hidden="true" className="text-brand-800">
            →
          </span>
        </a>
        <MemberCard number={memberNumber}>
          {(wallet.apple || wallet.google) && <AddToWallet links={wallet} labels={{ apple: tWallet("addApple"), google: tWallet("addGoogle"), hint: tWallet("hint") }} />}
        </MemberCard>
        <Card className="space-y-4" aria-labelledby="push-title">
          <div>
            <h2 id="push-title" className="text-base font-semibold">
              {tPush("title")}
            </h2>
            <p className="mt-1 text-sm text-stone-600">{tPush("intro")}</p>
          </div>
          <PushToggle vapidPublicKey={vapid.publicKey} />
          <CategoryPreferencesForm channel="push" muted={push.muted} action={savePushPreferences} />
        </Card>
        <Card className="space-y-4" aria-labelledby="email-title" id="email">
          <div>
            <h2 id="email-title" className="text-base font-semibold">
              {tMail("title")}
            </h2>
            <p className="mt-1 text-sm text-stone-600">{tMail("intro")}</p>
          </div>
          {mail?.suppressed && (
            <p role="alert" className="rounded-xl bg-amber-50 p-3 text-sm text-amber-900">
              {tMail("suppressed", { email: member.email })}
            </p>
          )}
          <OffersConsent state={consent.state} since={consentSince && format.dateTime(consentSince, { day: "numeric", month: "long", year: "numeric" })} />
          {env().sms && <SmsChoiceForm phone={mail?.sms.phone ?? null} />}
          {env().whatsapp && (
            <WhatsappChoiceForm
              phone={whatsapp?.phone ?? (mail?.sms.phone || null)}
              since={whatsapp?.since ? format.dateTime(whatsapp.since, { day: "numeric", month: "long", year: "numeric" }) : null}
            />
          )}
          <CategoryPreferencesForm channel="email" muted={mail?.muted ?? []} action={saveEmailPreferences} locked={consent.state === "confirmed" ? [] : [...MARKETING_CATEGORIES]} />
        </Card>
        <InstallCard />
        <Card>
          <LanguageSwitch />
        </Card>
        <SignOutButton />
      </div>
    </IslandMessages>
  );
}
