import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db";
import { listCapturedMails } from "@/lib/db/queries/mailbox";
import { env } from "@/lib/env";
import { emailSchema } from "@/lib/validations/auth";
import { buttonClasses } from "@/components/ui/button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Mailbox", robots: { index: false } };

/** The links of a mail Treue rendered (react-email writes plain anchors), to follow them here. */
function linksOf(html: string): { href: string; text: string }[] {
  const entity = (s: string) => s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  return [...html.matchAll(/<a\b[^>]*\bhref="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => ({ href: entity(m[1]!), text: entity(m[2]!.replace(/<[^>]+>/g, "").trim()) }));
}

export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  // Sign-in links are as good as passwords: this page must not exist on a real shop.
  if (!env().mailboxEnabled) notFound();
  const to = emailSchema.safeParse((await searchParams).to);
  const [t, format, mails] = await Promise.all([
    getTranslations("mailbox"),
    getFormatter(),
    getDb().then((db) => listCapturedMails(db, { to: to.success ? to.data : undefined, limit: 30 })),
  ]);
  return (
    <main className="mx-auto max-w-2xl space-y-5 px-4 py-10">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-stone-600">{t("intro")}</p>
      </div>
      {mails.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-stone-300 bg-white p-6 text-center text-stone-600">{t("empty")}</p>
      ) : (
        <ul className="space-y-3">
          {mails.map((mail) => (
            <li key={mail.id} className="rounded-2xl border border-stone-200 bg-white p-4" data-testid="mail">
              <p className="text-xs text-stone-600">
                {t("to")} <span data-testid="mail-to">{mail.to}</span> ·{" "}
                <time dateTime={mail.createdAt.toISOString()}>{format.dateTime(mail.createdAt, { dateStyle: "short", timeStyle: "short" })}</time>
              </p>
              <p className="mt-1 font-medium">{mail.subject}</p>
              {mail.url && (
                <a href={mail.url} className={buttonClasses("primary", "mt-3")}>
                  {t("open")}
                </a>
              )}
              {mail.html && (
                <>
                  <pre className="mt-3 max-h-64 overflow-auto rounded-xl bg-stone-50 p-3 text-xs whitespace-pre-wrap text-stone-800">{mail.text}</pre>
                  <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label={t("links")}>
                    {linksOf(mail.html).map((link) => (
                      <li key={link.href}>
                        <a href={link.href} className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline">
                          {link.text}
                        </a>
                      </li>
                    ))}
                  </ul>
                  {mail.headers?.["List-Unsubscribe"] && (
                    <p className="mt-1 text-xs break-all text-stone-600">
                      List-Unsubscribe: <span data-testid="mail-list-unsubscribe">{mail.headers["List-Unsubscribe"]}</span>
                    </p>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
