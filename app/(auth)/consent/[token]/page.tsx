import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { confirmConsentByLink } from "@/lib/actions/mail-links";
import { getDb } from "@/lib/db";
import { readConsentLink } from "@/lib/mail/signed-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("mailLinks"))("consentTitle"), robots: { index: false } };
}

/**
 * The double opt-in's link. Confirming takes a click on this page, not the link alone: mail
 * scanners open links by themselves, and consent must come from the person.
 */
export default async function ConsentPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, state] = await Promise.all([getTranslations("mailLinks"), getDb().then((db) => readConsentLink(db, decodeURIComponent(token), new Date()))]);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">{t("consentTitle")}</h1>
      {state === "open" ? (
        <form action={confirmConsentByLink.bind(null, decodeURIComponent(token))} className="space-y-4">
          <p>{t("consentQuestion")}</p>
          <Button type="submit">{t("consentButton")}</Button>
        </form>
      ) : state === "confirmed" ? (
        <p role="status" data-testid="consent-done">
          {t("consentConfirmed")}
        </p>
      ) : (
        <p role="alert">{state === "expired" ? t("consentExpired") : t("invalidLink")}</p>
      )}
      <p>
        <a href="/profile#email" className="inline-flex min-h-11 items-center text-sm font-semibold text-brand-800 underline">
          {t("toProfile")}
        </a>
      </p>
    </div>
  );
}
