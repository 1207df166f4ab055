import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { moderate } from "@/lib/actions/moderate";
import { requireMember } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listReviewQueue } from "@/lib/db/queries/tasks";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff"))("title") };
}

/** The staff's moderation queue: reviews (and photos) waiting for a decision, oldest first. */
export default async function StaffReviewsPage() {
  const member = await requireMember();
  if (member.role !== "staff") notFound();
  const [t, format, queue] = await Promise.all([getTranslations("staff"), getFormatter(), listReviewQueue(await getDb())]);
  return (
    <div className="space-y-5">
      <header>
        <h1 className="text-2xl font-bold tracking-tight md:text-3xl">{t("title")}</h1>
        <p className="mt-1 text-sm text-stone-600">{t("intro", { count: queue.length })}</p>
      </header>
      <ul className="space-y-3">
        {queue.map((s) => {
          const payload = s.payload as { rating?: number; text?: string; productName?: string; key?: string; caption?: string };
          return (
            <li key={s.id} className="space-y-3 rounded-3xl border border-stone-200 bg-white p-5" data-testid="queued">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                {s.kind === "photo_upload" ? (
                  <h2 className="font-semibold">{t("photo")}</h2>
                ) : (
                  <h2 className="font-semibold">
                    {payload.productName ?? s.productSku} · <span aria-label={t("stars", { count: payload.rating ?? 0 })}>{"★".repeat(payload.rating ?? 0)}</span>
                  </h2>
                )}
                <p className="text-xs text-stone-600">
                  {s.memberName ?? "–"} · {format.dateTime(s.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                </p>
              </div>
              {payload.key && (
                // eslint-disable-next-line @next/next/no-img-element -- a private, already-sized WebP behind auth: nothing for next/image to optimise
                <img src={`/api/photos/${payload.key}`} alt={payload.caption ?? t("photo")} className="max-h-80 rounded-2xl object-contain" />
              )}
              <p className="text-sm whitespace-pre-line text-stone-800">{payload.text ?? payload.caption}</p>
              <div className="flex flex-wrap items-end gap-2">
                <form action={moderate}>
                  <input type="hidden" name="submissionId" value={s.id} />
                  <input type="hidden" name="decision" value="approve" />
                  <button type="submit" className="inline-flex min-h-11 items-center rounded-xl bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-800">
                    {t("approve")}
                  </button>
                </form>
                <form action={moderate} className="flex flex-1 flex-wrap items-end gap-2">
                  <input type="hidden" name="submissionId" value={s.id} />
                  <input type="hidden" name="decision" value="reject" />
                  <label className="min-w-48 flex-1 text-sm">
                    <span className="block font-medium">{t("reason")}</span>
                    <input name="reason" required minLength={3} maxLength={300} className="mt-1 min-h-11 w-full rounded-xl border border-stone-300 px-3" />
                  </label>
                  <button type="submit" className="inline-flex min-h-11 items-center rounded-xl border border-red-300 bg-white px-4 text-sm font-semibold text-red-800 hover:bg-red-50">
                    {t("reject")}
                  </button>
                </form>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
