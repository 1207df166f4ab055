import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { GamificationPanel } from "@/components/tasks/gamification-panel";
import { PendingSubmissions } from "@/components/tasks/pending-submissions";
import { SubmissionList } from "@/components/tasks/submission-list";
import { requireMember } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getProgramConfig } from "@/lib/db/queries/program";
import { getShoppingProfile } from "@/lib/db/queries/personalisation";
import { getGamificationFacts, listMemberSubmissions, listTaskOffers } from "@/lib/db/queries/tasks";
import { byAffinity, categoryAffinity } from "@/lib/loyalty/personalisation";
import type { Locale } from "@/lib/i18n/config";
import { KeepCurrent } from "@/components/live/keep-current";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tasks"))("title") };
}

export default async function TasksPage() {
  const member = await requireMember();
  const db = await getDb();
  const now = new Date();
  const [t, format, locale, offers, submissions, config, facts, profile] = await Promise.all([
    getTranslations("tasks"),
    getFormatter(),
    getLocale() as Promise<Locale>,
    listTaskOffers(db, member.id),
    listMemberSubmissions(db, member.id),
    getProgramConfig(db),
    getGamificationFacts(db, member.id, now),
    getShoppingProfile(db, member.id),
  ]);
  const titles = new Map(offers.map((o) => [o.task.id, o.task.title[locale]]));
  // Tasks about the categories the shopper buys first; otherwise the shop's order.
  const open = byAffinity(
    offers.filter((o) => o.availability.ok),
    (o) => o.task.config.category,
    categoryAffinity(profile.categories),
  );
  const blocked = offers.filter((o) => !o.availability.ok && !(o.availability.reason === "done" && o.done > 0));
  const inReview = submissions.filter((s) => s.status === "in_review");
  const decided = submissions.filter((s) => s.status !== "in_review");
  const points = (n: number) => format.number(n, "points");
  return (
    <div className="space-y-6">
      <KeepCurrent memberId={member.id} />
      <header>
        <h1 className="text-2xl font-bold tracking-tight md:text-3xl">{t("title")}</h1>
        <p className="mt-1 text-sm text-stone-600">{t("intro")}</p>
      </header>
      <GamificationPanel challenges={config.challenges} facts={facts} now={now} />
      <section aria-labelledby="open-heading" className="space-y-3">
        <h2 id="open-heading" className="text-base font-semibold">
          {t("available")}
        </h2>
        {open.length === 0 ? (
          <p className="rounded-3xl border border-dashed border-stone-300 bg-white p-5 text-sm text-stone-600">{t("none")}</p>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {[...open, ...blocked].map(({ task, availability }) => (
              <li key={task.id}>
                <a
                  href={`/tasks/${task.id}`}
                  aria-disabled={!availability.ok || undefined}
                  className="flex h-full items-center justify-between gap-3 rounded-3xl border border-stone-200 bg-white p-4 shadow-sm hover:shadow-md aria-disabled:opacity-70 aria-disabled:shadow-none"
                >
                  <div className="min-w-0">
                    <p className="text-xs font-medium tracking-wide text-stone-600 uppercase">{t(`kind.${task.kind}`)}</p>
                    <h3 className="font-semibold">{task.title[locale]}</h3>
                    {!availability.ok && <p className="text-xs text-stone-600">{t(`block.${availability.reason}`)}</p>}
                  </div>
                  <span className="shrink-0 rounded-full bg-gold-300 px-3 py-1 text-sm font-bold text-stone-900 tabular-nums">
                    {t(task.kind === "product_review" ? "pointsEach" : "points", { points: points(task.points) })}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <PendingSubmissions heading={t("pendingTitle")} status={t("pendingHint")} />
      <SubmissionList
        id="review-heading"
        heading={t("inReview")}
        testId="in-review"
        lines={inReview.map((s) => ({ key: s.id, title: titles.get(s.taskId) ?? s.taskId, status: t("status.in_review"), statusClassName: "text-stone-600" }))}
      />
      <SubmissionList
        id="done-heading"
        heading={t("done")}
        testId="decided"
        lines={decided.map((s) => ({
          key: s.id,
          title: titles.get(s.taskId) ?? s.taskId,
          ...(s.status === "rejected"
            ? { status: t("status.rejected", { reason: s.reason ?? "" }), statusClassName: "text-red-700" }
            : { status: t("points", { points: points(s.points) }), statusClassName: "font-semibold text-brand-800" }),
        }))}
      />
    </div>
  );
}
