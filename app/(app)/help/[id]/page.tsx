import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { HelpThread } from "@/components/help/help-thread";
import { IslandMessages } from "@/components/ui/island-messages";
import { requireMember } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getMemberConversation, listThread } from "@/lib/db/queries/conversations";
import { shopperThread } from "@/lib/server/conversations/thread";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("help"))("threadTitle") };
}

/** One of the shopper's conversations; someone else's is "not found". */
export default async function HelpThreadPage({ params }: { params: Promise<{ id: string }> }) {
  const member = await requireMember();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const db = await getDb();
  const conversation = await getMemberConversation(db, member.id, id);
  if (!conversation) notFound();
  const [t, format, messages] = await Promise.all([getTranslations("help"), getFormatter(), listThread(db, id, { internal: false })]);
  return (
    <div className="space-y-4">
      <a href="/help" className="inline-flex min-h-11 items-center text-sm font-semibold text-brand-800 hover:underline">
        ← {t("back")}
      </a>
      <h1 className="text-2xl font-bold tracking-tight md:text-3xl">{conversation.orderNumber ? t("claim", { number: conversation.orderNumber }) : t("threadTitle")}</h1>
      <p className="text-xs text-stone-600">{format.dateTime(conversation.createdAt, { dateStyle: "medium", timeStyle: "short" })}</p>
      <IslandMessages namespaces={["help", "assistant"]}>
        <HelpThread conversationId={id} initial={{ status: conversation.status, handedOver: conversation.handedOverAt !== null, messages: shopperThread(messages) }} />
      </IslandMessages>
    </div>
  );
}
