import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { ConversationControls, ConversationReply } from "@/components/console/conversation-desk";
import { PageHeader } from "@/components/console/page-header";
import { Card } from "@/components/ui/card";
import { LinkTabs } from "@/components/ui/tabs";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { getMemberDossier } from "@/lib/db/queries/console-members";
import { listCannedAnswers, listThread } from "@/lib/db/queries/conversations";
import { getConversationForStaff, inboxCounts, inboxTabs, listInbox, listSupportStaff, type InboxTab } from "@/lib/db/queries/conversations-inbox";
import { programCurrency } from "@/lib/db/queries/program";
import { formatMoney } from "@/lib/i18n/money";
import { parseAssistantRecord, parseSystemLine } from "@/lib/loyalty/conversation-lines";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.conversations"))("title") };
}

/**
 * Console → Gespräche: the inbox by tab (unassigned, mine, waiting for the customer, closed) beside
 * the chosen conversation: its thread with notes, the reply box with canned answers, assignment,
 * resolving with points, closing; and what staff need about the customer (the member dossier's
 * standing, balance, recent orders and coupons). Two columns on a desktop, stacked on a tablet.
 */
export default async function ConversationsPage({ searchParams }: { searchParams: Promise<{ tab?: string; id?: string }> }) {
  const staff = await requireCapability("support");
  const query = await searchParams;
  const tab: InboxTab = (inboxTabs as readonly string[]).includes(query.tab ?? "") ? (query.tab as InboxTab) : "unassigned";
  const chosen = z.uuid().safeParse(query.id).success ? query.id! : null;
  const db = await getDb();
  const [t, tHelp, format, locale, counts, items, selected] = await Promise.all([
    getTranslations("console.conversations"),
    getTranslations("help"),
    getFormatter(),
    getLocale(),
    inboxCounts(db, staff.id),
    listInbox(db, tab, staff.id),
    chosen ? getConversationForStaff(db, chosen) : Promise.resolve(undefined),
  ]);
  const href = (next: { tab?: string; id?: string }) => `/console/conversations?${new URLSearchParams({ tab: next.tab ?? tab, ...(next.id ? { id: next.id } : {}) })}`;
  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00Z`), { dateStyle: "medium" });
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <LinkTabs label={t("title")} current={`/console/conversations?tab=${tab}`} tabs={inboxTabs.map((k) => ({ href: `/console/conversations?tab=${k}`, label: t("tabCount", { label: t(`tabs.${k}`), count: counts[k] }) }))} />
        <Link href="/console/conversations/answers" className="inline-flex min-h-11 items-center text-sm font-semibold text-brand-800 hover:underline">
          {t("manageCanned")}
        </Link>
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(16rem,22rem)_minmax(0,1fr)]">
        <nav aria-label={t(`tabs.${tab}`)}>
          {items.length === 0 && <p className="text-sm text-stone-600">{t("none")}</p>}
          <ul className="space-y-2" data-testid="inbox">
            {items.map((c) => (
              <li key={c.id}>
                <Link
                  href={href({ id: c.id })}
                  aria-current={c.id === chosen ? "page" : undefined}
                  data-testid="inbox-item"
                  className={`block rounded-2xl px-3 py-2.5 ring-1 ${c.id === chosen ? "bg-brand-50 ring-brand-300" : "bg-white ring-stone-200 hover:bg-stone-50"}`}
                >
                  <span className="flex items-baseline justify-between gap-2">
                    <span className="truncate font-semibold">{c.memberName ?? c.memberEmail}</span>
                    <span className="shrink-0 text-xs text-stone-600">{format.dateTime(c.lastMessageAt, { dateStyle: "short", timeStyle: "short" })}</span>
                  </span>
                  {c.orderNumber && <span className="block text-xs font-medium text-amber-900">{t("claim", { number: c.orderNumber })}</span>}
                  <span className="block truncate text-sm text-stone-700">{c.preview ?? "–"}</span>
                  <span className="block text-xs text-stone-600">
                    {t(`channel.${c.channel as "app"}`)} · {c.assigneeName ? t("assignedTo", { name: c.assigneeName }) : t("unassigned")}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div>{selected ? await Thread() : <p className="text-sm text-stone-600">{t("choose")}</p>}</div>
      </div>
    </>
  );

  async function Thread() {
    const { conversation, memberName, memberEmail } = selected!;
    const [messages, dossier, canned, team, currency] = await Promise.all([
      listThread(db, conversation.id, { internal: true }),
      getMemberDossier(db, conversation.memberId),
      listCannedAnswers(db),
      listSupportStaff(db),
      programCurrency(db),
    ]);
    const tierName = (tier: { name: { de: string; en: string } } | null) => (tier ? (locale === "en" ? tier.name.en : tier.name.de) : t("noTier"));
    return (
      <div className="grid gap-4 2xl:grid-cols-[minmax(0,1fr)_18rem]">
        <Card className="space-y-4">
          <div>
            <h2 className="text-lg font-semibold">{memberName ?? memberEmail}</h2>
            {conversation.orderNumber && <p className="text-sm font-medium text-amber-900">{conversation.orderDate ? t("claimDated", { number: conversation.orderNumber, date: day(conversation.orderDate) }) : t("claim", { number: conversation.orderNumber })}</p>}
            <p className="text-xs text-stone-600">{t(`channel.${conversation.channel}`)}</p>
          </div>
          <ol className="space-y-3" data-testid="console-thread">
            {messages.map((m) => {
              if (m.author === "system") {
                const line = parseSystemLine(m.body);
                return (
                  <li key={m.id} className="text-center text-xs text-stone-600">
                    {tHelp(`system.${line.kind}`, { points: line.points ?? 0, order: line.order ?? "none" })} · {format.dateTime(m.createdAt, { timeStyle: "short" })}
                  </li>
                );
              }
              const log = m.author === "assistant" ? parseAssistantRecord(m.assistantLog).log : "";
              const tone = m.internal ? "bg-amber-50 ring-amber-200" : m.author === "shopper" ? "bg-white ring-stone-200" : m.author === "assistant" ? "bg-stone-50 ring-stone-200" : "bg-brand-50 ring-brand-200";
              return (
                <li key={m.id} className={`rounded-2xl px-3 py-2 ring-1 ${tone} ${m.author === "shopper" ? "mr-8" : "ml-8"}`} data-author={m.author}>
                  <p className="text-xs font-medium text-stone-600">
                    {m.internal ? t("note") : m.author === "staff" && m.authorName ? m.authorName : t(`author.${m.author}`)} · {format.dateTime(m.createdAt, { dateStyle: "short", timeStyle: "short" })}
                  </p>
                  {m.photoKey && (
                    <a href={`/api/photos/${m.photoKey}`} target="_blank" rel="noreferrer">
                      {/* eslint-disable-next-line @next/next/no-img-element -- a private photo served by our own route */}
                      <img src={`/api/photos/${m.photoKey}`} alt={t("photo")} className="my-1 max-h-48 rounded-xl" />
                    </a>
                  )}
                  <p className="text-sm whitespace-pre-line">{m.body}</p>
                  {log && (
                    <details className="mt-1 text-xs text-stone-600">
                      <summary>{t("assistantLog")}</summary>
                      <p className="whitespace-pre-line">{log}</p>
                    </details>
                  )}
                </li>
              );
            })}
          </ol>
          <ConversationReply conversationId={conversation.id} canned={canned.map(({ id, locale: l, title, body }) => ({ id, locale: l, title, body }))} />
          <ConversationControls conversationId={conversation.id} closed={conversation.status === "closed"} assigneeId={conversation.assigneeId} me={staff.id} team={team} />
        </Card>
        <aside aria-label={t("context")}>
          <Card className="space-y-3 text-sm">
            <h2 className="font-semibold">{t("context")}</h2>
            {dossier && (
              <>
                <p>
                  {t("balance")}: <strong>{format.number(dossier.profile.balance)}</strong>
                </p>
                <p>
                  {t("tier")}: <strong>{tierName(dossier.standing.tier)}</strong>
                </p>
                <div>
                  <p className="font-medium">{t("orders")}</p>
                  {dossier.orders.length === 0 ? (
                    <p className="text-stone-600">{t("noOrders")}</p>
                  ) : (
                    <ul className="space-y-1">
                      {dossier.orders.slice(0, 5).map((o) => (
                        <li key={o.id}>
                          {o.shopOrderId} · {format.dateTime(o.paidAt, { dateStyle: "short" })} · {formatMoney(locale, o.subtotalCents, o.currency || currency)}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
                <div>
                  <p className="font-medium">{t("coupons")}</p>
                  {dossier.wallet.length === 0 ? (
                    <p className="text-stone-600">{t("noCoupons")}</p>
                  ) : (
                    <ul className="space-y-1">
                      {dossier.wallet.slice(0, 5).map((c) => (
                        <li key={c.id} className="font-mono text-xs">
                          {c.code} · {c.usedAt ? t("couponUsed") : t("couponOpen", { date: format.dateTime(c.expiresAt, { dateStyle: "short" }) })}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
                <Link href={`/console/members/${conversation.memberId}`} className="inline-flex min-h-11 items-center font-semibold text-brand-800 hover:underline">
                  {t("profile")}
                </Link>
              </>
            )}
          </Card>
        </aside>
      </div>
    );
  }
}
