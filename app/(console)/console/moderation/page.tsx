import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { ModerationQueue, type QueueItem } from "@/components/console/moderation-queue";
import { PageHeader } from "@/components/console/page-header";
import { LinkTabs } from "@/components/ui/tabs";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { listReviewQueue } from "@/lib/db/queries/tasks";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.moderation"))("title") };
}

const filters = { reviews: "product_review", photos: "photo_upload" } as const;

/** Reviews and photos waiting for a decision, oldest first, filterable by kind. */
export default async function ModerationPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  await requireCapability("moderate");
  const requested = (await searchParams).kind;
  const filter = requested === "reviews" || requested === "photos" ? requested : undefined;
  const [t, format, queue] = await Promise.all([getTranslations("console.moderation"), getFormatter(), getDb().then((db) => listReviewQueue(db, 100, { kind: filter && filters[filter] }))]);
  const items: QueueItem[] = queue.map((s) => {
    const payload = s.payload as { rating?: number; text?: string; productName?: string; key?: string; caption?: string };
    return {
      id: s.id,
      kind: s.kind,
      title: s.kind === "photo_upload" ? t("photo") : (payload.productName ?? s.productSku ?? ""),
      stars: s.kind === "photo_upload" ? null : (payload.rating ?? null),
      text: payload.text ?? payload.caption ?? null,
      photoUrl: payload.key ? `/api/photos/${payload.key}` : null,
      photoAlt: payload.caption ?? t("photo"),
      by: s.memberName ?? s.memberEmail,
      when: format.dateTime(s.createdAt, { dateStyle: "medium", timeStyle: "short" }),
    };
  });
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro", { count: items.length })} />
      <div className="mb-4">
        <LinkTabs
          label={t("filter")}
          current={filter ? `/console/moderation?kind=${filter}` : "/console/moderation"}
          tabs={[
            { href: "/console/moderation", label: t("all") },
            { href: "/console/moderation?kind=reviews", label: t("reviews") },
            { href: "/console/moderation?kind=photos", label: t("photos") },
          ]}
        />
      </div>
      <ModerationQueue items={items} />
    </>
  );
}
