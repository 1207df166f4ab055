import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { HelpThread } from "@/components/help/help-thread";
import { Card, CardHeader } from "@/components/ui/card";
import { IslandMessages } from "@/components/ui/island-messages";
import { requireMember } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listMemberConversations } from "@/lib/db/queries/conversations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("help"))("title") };
}

/** "Hilfe": a new question (the assistant answers at once) and the shopper's conversations. */
export default async function HelpPage() {
  const member = await requireMember();
  const [t, format, mine] = await Promise.all([getTranslations("help"), getFormatter(), getDb().then((db) => listMemberConversations(db, member.id))]);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold tracking-tight md:text-3xl">{t("title")}</h1>
      <p className="text-stone-700">{t("intro")}</p>
      <Card aria-labelledby="help-new">
        <CardHeader id="help-new" title={t("new")} />
        <IslandMessages namespaces={["help", "assistant"]}>
          <HelpThread conversationId={null} initial={{ status: "open", handedOver: false, messages: [] }} />
        </IslandMessages>
      </Card>
      <section aria-labelledby="help-yours" className="space-y-3">
        <h2 id="help-yours" className="text-lg font-semibold">
          {t("yours")}
        </h2>
        {mine.length === 0 && <p className="text-sm text-stone-600">{t("none")}</p>}
        <ul className="space-y-2">
          {mine.map((c) => (
            <li key={c.id} data-testid="help-conversation">
              <a href={`/help/${c.id}`} className="flex min-h-14 items-center justify-between gap-3 rounded-2xl bg-white px-4 py-3 shadow-sm ring-1 ring-stone-200 hover:bg-stone-50">
                <span className="min-w-0">
                  <span className="block truncate font-medium">{c.orderNumber ? t("claim", { number: c.orderNumber }) : (c.preview ?? t("threadTitle"))}</span>
                  <span className="block text-xs text-stone-600">{format.dateTime(c.lastMessageAt, { dateStyle: "medium", timeStyle: "short" })}</span>
                </span>
                <span className={`shrink-0 rounded-full px-2.5 py-1 text-xs font-semibold ${c.status === "waiting" ? "bg-brand-100 text-brand-800" : c.status === "closed" ? "bg-stone-100 text-stone-700" : "bg-amber-100 text-amber-900"}`}>
                  {c.handedOverAt === null && c.status !== "closed" ? t("status.assistant") : t(`status.${c.status}`)}
                </span>
              </a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
