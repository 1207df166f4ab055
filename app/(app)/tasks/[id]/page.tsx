import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ReviewFields, SurveyFields } from "@/components/tasks/task-fields";
import { PhotoForm } from "@/components/tasks/photo-form";
import { TaskForm } from "@/components/tasks/task-form";
import { IslandMessages } from "@/components/ui/island-messages";
import { requireMember } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listTaskOffers } from "@/lib/db/queries/tasks";
import type { Locale } from "@/lib/i18n/config";
import { MODERATED_KINDS } from "@/lib/loyalty/tasks";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tasks"))("title") };
}

export default async function TaskPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ sku?: string | string[] }> }) {
  const member = await requireMember();
  const { id } = await params;
  // Home's "review what you bought" names the product to start with.
  const { sku } = await searchParams;
  const [t, format, locale, offers] = await Promise.all([getTranslations("tasks"), getFormatter(), getLocale() as Promise<Locale>, listTaskOffers(await getDb(), member.id)]);
  const offer = offers.find((o) => o.task.id === id);
  if (!offer) notFound();
  const { task, availability } = offer;
  // What a valid answer gets: reviews and photos wait for staff, the rest pay at once.
  const expected = { status: MODERATED_KINDS.has(task.kind) ? ("in_review" as const) : ("completed" as const), points: task.points };
  const form = (submitLabel: string, fields: React.ReactNode) => (
    <IslandMessages namespaces={["tasks"]}>
      <TaskForm taskId={task.id} title={task.title[locale]} submitLabel={submitLabel} expected={expected}>
        {fields}
      </TaskForm>
    </IslandMessages>
  );
  let body: React.ReactNode;
  if (!availability.ok) body = <p className="rounded-2xl bg-stone-100 p-4 text-sm text-stone-700">{t(`block.${availability.reason}`)}</p>;
  else if (task.kind === "product_review") body = form(t("review.submit"), <ReviewFields offer={offer} selected={typeof sku === "string" ? sku : undefined} />);
  else if (task.kind === "survey") body = form(t("survey.submit"), <SurveyFields questions={task.config.questions} />);
  else if (task.kind === "photo_upload")
    body = (
      <IslandMessages namespaces={["tasks"]}>
        <PhotoForm taskId={task.id} />
      </IslandMessages>
    );
  else if (task.kind === "birthday") body = form(t("birthday.submit"), <p className="text-sm text-stone-700">{t("birthday.body")}</p>);
  else if (task.kind === "social_follow")
    body = (
      <div className="space-y-4">
        <p className="text-sm text-stone-700">{t("social.hint")}</p>
        {offer.networks.map((link) => (
          <div key={link.network} className="space-y-2 rounded-2xl border border-stone-200 p-4">
            <a href={link.url} target="_blank" rel="noopener noreferrer" className="font-semibold text-brand-800 underline">
              {t("social.open", { network: link.network })}
            </a>
            <IslandMessages namespaces={["tasks"]}>
              <TaskForm taskId={task.id} title={task.title[locale]} submitLabel={t("social.done")} expected={expected}>
                <input type="hidden" name="network" value={link.network} />
              </TaskForm>
            </IslandMessages>
          </div>
        ))}
      </div>
    );
  else if (task.kind === "newsletter") body = form(t("newsletter.submit"), <p className="text-sm text-stone-700">{t("newsletter.body")}</p>);
  else if (task.kind === "profile_completion")
    body = form(
      t("profile.submit"),
      <p className="text-sm text-stone-700">
        {t("profile.body")}{" "}
        <a href="/profile" className="font-semibold text-brand-800 underline">
          {t("profile.toProfile")}
        </a>
      </p>,
    );
  else body = <p className="rounded-2xl bg-stone-100 p-4 text-sm text-stone-700">{t("soon")}</p>;
  return (
    <article className="space-y-5">
      <a href="/tasks" className="inline-flex min-h-11 items-center text-sm font-semibold text-brand-800 hover:underline">
        ← {t("back")}
      </a>
      <div className="space-y-5 rounded-3xl border border-stone-200 bg-white p-5 md:p-8">
        <header className="space-y-1">
          <p className="text-xs font-medium tracking-wide text-stone-600 uppercase">{t(`kind.${task.kind}`)}</p>
          <h1 className="text-2xl font-bold tracking-tight">{task.title[locale]}</h1>
          {task.description && <p className="text-stone-700">{task.description[locale]}</p>}
          <p className="inline-block rounded-full bg-gold-300 px-3 py-1 text-sm font-bold text-stone-900">{t("points", { points: format.number(task.points, "points") })}</p>
        </header>
        {body}
      </div>
    </article>
  );
}
