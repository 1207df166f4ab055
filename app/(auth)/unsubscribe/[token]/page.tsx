import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { unsubscribeByLink } from "@/lib/actions/mail-links";
import { getDb } from "@/lib/db";
import { readUnsubscribeLink } from "@/lib/mail/signed-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("mailLinks"))("unsubscribeTitle"), robots: { index: false } };
}

/** A mail's visible unsubscribe link: one button, no sign-in (the token is signed). */
export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, tCategories, link] = await Promise.all([getTranslations("mailLinks"), getTranslations("notifications.categories"), getDb().then((db) => readUnsubscribeLink(db, decodeURIComponent(token)))]);
  const category = link ? tCategories(link.category) : "";
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">{t("unsubscribeTitle")}</h1>
      {!link ? (
        <p role="alert">{t("invalidLink")}</p>
      ) : link.done ? (
        <p role="status" data-testid="unsubscribe-done">
          {t("unsubscribed", { category })}
        </p>
      ) : (
        <form action={unsubscribeByLink.bind(null, decodeURIComponent(token))} className="space-y-4">
          <p>{t("unsubscribeQuestion", { category })}</p>
          <Button type="submit">{t("unsubscribeButton")}</Button>
        </form>
      )}
      <p>
        <a href="/profile#email" className="inline-flex min-h-11 items-center text-sm font-semibold text-brand-800 underline">
          {t("toProfile")}
        </a>
      </p>
    </div>
  );
}
