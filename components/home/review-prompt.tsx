import { getTranslations } from "next-intl/server";
import type { OrderItem } from "@/lib/loyalty/tasks";

/** "How do you like …?": the last order's products, each a link to its review with points. */
export async function ReviewPrompt({ taskId, products, points }: { taskId: string; products: OrderItem[]; points: number }) {
  const t = await getTranslations("home.review");
  return (
    <section aria-labelledby="review-prompt-heading" className="rounded-3xl border border-brand-100 bg-brand-50 p-5" data-testid="review-prompt">
      <h2 id="review-prompt-heading" className="text-base font-semibold text-brand-900">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-stone-700">{t("body", { points })}</p>
      <ul className="mt-2 flex flex-wrap gap-2">
        {products.slice(0, 3).map((p) => (
          <li key={p.sku}>
            <a href={`/tasks/${taskId}?sku=${encodeURIComponent(p.sku)}`} className="inline-flex min-h-11 items-center rounded-full bg-white px-4 text-sm font-semibold text-brand-800 shadow-sm hover:underline">
              {p.name}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
